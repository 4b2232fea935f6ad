package dev.chunking.streaming.operation;

import java.time.Duration;

/** Waits for a duration; injected so that tests of rate limiting need not sleep. */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long, not negative
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    void sleep(Duration duration) throws InterruptedException;
}
