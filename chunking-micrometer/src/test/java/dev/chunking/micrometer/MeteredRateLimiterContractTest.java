package dev.chunking.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.RateLimit;
import dev.chunking.ratelimit.TokenBucketRateLimiter;
import dev.chunking.spi.RateLimiter;
import dev.chunking.testing.RateLimiterContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** A token bucket behind the metering decorator keeps the rate limiter contract, and its waits are recorded as handed out. */
class MeteredRateLimiterContractTest extends RateLimiterContract {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    protected RateLimiter limiter(RateLimit limit, LongSupplier nanoTime) {
        return ChunkingMetrics.on(registry).rateLimiter(TokenBucketRateLimiter.builder(limit).nanoTime(nanoTime).build());
    }

    @Test
    void everyWaitItHandsOutIsRecordedAndEveryRequestCounted() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("waits");
        assertThat(limiter.tryAcquire(key, 5)).isZero();
        assertThat(limiter.tryAcquire(key, 2)).isEqualTo(Duration.ofMillis(200));
        advance(Duration.ofMillis(100));
        assertThat(limiter.tryAcquire(key, 2)).isEqualTo(Duration.ofMillis(100));
        assertThat(registry.get(ChunkingMetrics.RATE_LIMIT_WAIT).timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);
        assertThat(registry.get(ChunkingMetrics.RATE_LIMIT_ACQUIRE).tags("outcome", "granted").timer().count()).isEqualTo(1);
        assertThat(registry.get(ChunkingMetrics.RATE_LIMIT_ACQUIRE).tags("outcome", "refused").timer().count()).isEqualTo(2);
    }
}
