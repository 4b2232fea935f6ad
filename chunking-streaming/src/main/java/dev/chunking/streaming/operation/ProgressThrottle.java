package dev.chunking.streaming.operation;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when a {@code PROGRESS} event is due: when the interval has passed since the last
 * one, or when the byte count has, whichever comes first (see {@link OperationOptions}). Time
 * comes from an injected nanosecond clock, so tests are exact. Not thread-safe: one per run.
 */
final class ProgressThrottle {
    private final long intervalNanos;
    private final long everyBytes;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private long lastBytes;

    ProgressThrottle(Duration interval, long everyBytes, LongSupplier nanoTime, long startBytes) {
        this.intervalNanos = interval.toNanos();
        this.everyBytes = everyBytes;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
        this.lastBytes = startBytes;
    }

    /** Whether a progress event is due at {@code bytes} read; if so, the next one is measured from here. */
    boolean due(long bytes) {
        long now = nanoTime.getAsLong();
        if (now - lastNanos >= intervalNanos || bytes - lastBytes >= everyBytes) {
            lastNanos = now;
            lastBytes = bytes;
            return true;
        }
        return false;
    }
}
