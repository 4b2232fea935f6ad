package dev.chunking.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.RateLimit;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.TestRedis;
import dev.chunking.testing.CuttingProxy;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each {@link OnRedisFailure} mode against a port nobody listens on, and an outage through a proxy
 * that refuses and cuts connections: reported once, and the shared buckets used again once Redis
 * answers.
 */
class RedisOutageIT {
    private static final RateLimit TEN_PER_SECOND_BURST_5 = RateLimit.perSecond(10, 5);
    private static final Duration RETRY = Duration.ofMillis(200);

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void deleteTheKeys() {
        redis.close();
    }

    private RedisRateLimiter unreachable(OnRedisFailure mode) throws IOException {
        RedisSettings settings = RedisSettings.builder("redis://127.0.0.1:" + RedisRateLimiterIT.portNobodyListensOn())
                .keyPrefix(redis.prefix).commandTimeout(Duration.ofMillis(200)).build();
        return RedisRateLimiter.builder(settings, TEN_PER_SECOND_BURST_5).onRedisFailure(mode).retryInterval(RETRY).build();
    }

    @Test
    void grantsEveryRequestWhileRedisIsAwayWhenFailingOpen() throws IOException {
        try (RedisRateLimiter limiter = unreachable(OnRedisFailure.FAIL_OPEN)) {
            for (int i = 0; i < 100; i++) {
                assertThat(limiter.tryAcquire("k", 1_000)).isZero();
            }
            assertThat(limiter.redisAway()).isTrue();
            assertThat(limiter.outages()).as("one outage, reported once").isEqualTo(1);
        }
    }

    @Test
    void grantsNothingAndAsksToWaitTheRetryIntervalWhenFailingClosed() throws IOException {
        try (RedisRateLimiter limiter = unreachable(OnRedisFailure.FAIL_CLOSED)) {
            for (int i = 0; i < 20; i++) {
                assertThat(limiter.tryAcquire("k", 1)).isEqualTo(RETRY);
            }
            assertThat(limiter.outages()).isEqualTo(1);
        }
    }

    @Test
    void limitsThisInstanceOnItsOwnWhenFallingBackToLocalWhichIsTheDefault() throws IOException {
        RedisSettings settings = RedisSettings.builder("redis://127.0.0.1:" + RedisRateLimiterIT.portNobodyListensOn())
                .keyPrefix(redis.prefix).commandTimeout(Duration.ofMillis(200)).build();
        try (RedisRateLimiter limiter = RedisRateLimiter.builder(settings, TEN_PER_SECOND_BURST_5).build()) {
            assertThat(limiter.onRedisFailure()).isEqualTo(OnRedisFailure.FALL_BACK_TO_LOCAL);
            for (int i = 0; i < 5; i++) {
                assertThat(limiter.tryAcquire("k", 1)).as("permit %d", i + 1).isZero();
            }
            Duration wait = limiter.tryAcquire("k", 1);
            assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
            RedisRateLimiterIT.sleep(wait);
            assertThat(limiter.tryAcquire("k", 1)).isZero();
            assertThat(limiter.outages()).isEqualTo(1);
        }
    }

    @Test
    void reportsEachOutageOnceAndSharesTheBucketsAgainWhenRedisAnswers() throws Exception {
        RedisURI target = RedisURI.create(TestRedis.URI);
        try (CuttingProxy proxy = new CuttingProxy(target.getHost(), target.getPort())) {
            RedisSettings settings = RedisSettings.builder("redis://127.0.0.1:" + proxy.port()).keyPrefix(redis.prefix)
                    .commandTimeout(Duration.ofMillis(300)).build();
            try (RedisRateLimiter limiter = RedisRateLimiter.builder(settings, TEN_PER_SECOND_BURST_5).retryInterval(RETRY).build()) {
                assertThat(limiter.tryAcquire("k", 5)).isZero();
                assertThat(limiter.tryAcquire("k", 1)).as("the shared bucket is empty").isPositive();

                proxy.refuse(true);
                proxy.cutAll();
                assertThat(limiter.tryAcquire("k", 5)).as("the local bucket is full").isZero();
                for (int i = 0; i < 50; i++) {
                    limiter.tryAcquire("k", 1);
                }
                assertThat(limiter.redisAway()).isTrue();
                assertThat(limiter.outages()).isEqualTo(1);

                proxy.refuse(false);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (limiter.redisAway() && System.nanoTime() < deadline) {
                    limiter.tryAcquire("other", 1);
                    RedisRateLimiterIT.sleep(Duration.ofMillis(20));
                }
                assertThat(limiter.redisAway()).as("back on Redis").isFalse();
                assertThat(redis.commands().exists(new dev.chunking.redis.internal.KeySpace(redis.prefix).limiter("other")))
                        .isEqualTo(1);

                proxy.refuse(true);
                proxy.cutAll();
                for (int i = 0; i < 20; i++) {
                    limiter.tryAcquire("k", 1);
                }
                assertThat(limiter.outages()).as("a second outage, reported once more").isEqualTo(2);
            }
        }
    }
}
