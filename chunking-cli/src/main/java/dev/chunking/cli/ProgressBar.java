package dev.chunking.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal: bytes, percent, MB/s and time left, redrawn at most
 * every 200 ms. Time comes from an injected nano clock so tests are exact. Not thread-safe.
 */
public final class ProgressBar {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream terminal;
    private final LongSupplier nanoClock;
    private final String name;
    private final long total;
    private final long started;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    /**
     * Starts a bar.
     *
     * @param terminal where to draw, normally standard error
     * @param nanoClock monotonic time in nanoseconds, normally {@link System#nanoTime()}
     * @param name the input's name
     * @param total expected bytes, or -1 when unknown (standard input)
     */
    public ProgressBar(PrintStream terminal, LongSupplier nanoClock, String name, long total) {
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.name = name;
        this.total = total;
        this.started = nanoClock.getAsLong();
    }

    /**
     * Reports progress; redraws when enough time has passed.
     *
     * @param bytes bytes read so far
     */
    public void update(long bytes) {
        long now = nanoClock.getAsLong();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        terminal.print("\r" + line(bytes, now));
        terminal.flush();
        drawn = true;
    }

    /**
     * Draws the final state and ends the line.
     *
     * @param bytes bytes read in all
     */
    public void finish(long bytes) {
        if (drawn) {
            terminal.print("\r" + line(bytes, nanoClock.getAsLong()) + "\n");
            terminal.flush();
        }
    }

    /** The bar's text for a moment; visible for tests. */
    String line(long bytes, long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = bytes / 1e6 / seconds;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s %s %.1f MB/s", name, size(bytes), rate);
        }
        double fraction = Math.min(1.0, (double) bytes / total);
        int filled = (int) Math.round(fraction * 30);
        long secondsLeft = bytes == 0 ? 0 : Math.round(seconds * (total - bytes) / bytes);
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s/%s %.1f MB/s ETA %d:%02d", name, "#".repeat(filled),
                ".".repeat(30 - filled), fraction * 100, size(bytes), size(total), rate, secondsLeft / 60, secondsLeft % 60);
    }

    private static String size(long bytes) {
        return bytes >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
}
