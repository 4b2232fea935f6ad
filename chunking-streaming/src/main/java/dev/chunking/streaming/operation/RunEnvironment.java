package dev.chunking.streaming.operation;

import dev.chunking.spi.RateLimiter;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * What every run of a service shares: where events go, the clocks, and the rate limiter with
 * its way of waiting. Immutable.
 */
record RunEnvironment(EventDelivery delivery, Clock clock, LongSupplier nanoTime, RateLimiter rateLimiter, Sleeper sleeper) {
    /** No listener, the system clocks, no rate limit: for previews. */
    static RunEnvironment plain(EventDelivery delivery) {
        return new RunEnvironment(delivery, Clock.systemUTC(), System::nanoTime, RateLimiter.UNLIMITED, Sleeper.SYSTEM);
    }
}
