package dev.chunking.streaming.operation;

import java.time.Duration;

/** Waits for a duration; injected so that tests of rate limiting need not sleep. */
@FunctionalInterface
public interface Sleeper {
    /** Waits on the system clock with {@link Thread#sleep(long, int)}, to the nanosecond the platform allows. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    /**
     * Waits.
     *
     * @param duration how long, not negative
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    void sleep(Duration duration) throws InterruptedException;
}
