package dev.chunking.micrometer;

import dev.chunking.spi.RateLimiter;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The limiter of {@link ChunkingMetrics#rateLimiter}: times each request to the limiter it wraps
 * (granted, refused, or error when it threw or answered null) and records every wait it hands out with a refusal;
 * answers and exceptions pass through unchanged. Keys are never recorded. Thread-safe.
 */
final class MeteredRateLimiter implements RateLimiter {
    private final RateLimiter limiter;
    private final Clock clock;
    private final Timer granted;
    private final Timer refused;
    private final Timer error;
    private final Timer waits;

    MeteredRateLimiter(MeterRegistry registry, RateLimiter limiter) {
        this.limiter = limiter;
        this.clock = registry.config().clock();
        this.granted = request(registry, "granted");
        this.refused = request(registry, "refused");
        this.error = request(registry, "error");
        this.waits = Timer.builder(ChunkingMetrics.RATE_LIMIT_WAIT)
                .description("the waits the rate limiter handed out with its refusals")
                .register(registry);
    }

    private static Timer request(MeterRegistry registry, String outcome) {
        return Timer.builder(ChunkingMetrics.RATE_LIMIT_ACQUIRE)
                .description("requests to the rate limiter, timed")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public Duration tryAcquire(String key, long permits) {
        long start = clock.monotonicTime();
        Timer outcome = error;
        try {
            Duration wait = limiter.tryAcquire(key, permits);
            if (wait == null) {
                return null; // a broken limiter: counted as an error, and its answer passed on for the caller to refuse
            }
            if (wait.isZero()) {
                outcome = granted;
            } else {
                outcome = refused;
                waits.record(wait.isNegative() ? Duration.ZERO : wait);
            }
            return wait;
        } finally {
            outcome.record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
