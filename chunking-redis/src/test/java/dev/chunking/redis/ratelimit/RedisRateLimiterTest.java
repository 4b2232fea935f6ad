package dev.chunking.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.RateLimit;
import dev.chunking.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the Redis limiter refuses before it asks Redis anything. */
class RedisRateLimiterTest {
    private static final RedisSettings SETTINGS = RedisSettings.builder("redis://127.0.0.1:1").build();
    private static final RateLimit LIMIT = RateLimit.perSecond(10, 5);

    @Test
    void refusesARetryIntervalUnderOneMillisecondAndAMissingClientNamingTheSetting() {
        assertThatThrownBy(() -> RedisRateLimiter.builder(SETTINGS, LIMIT).retryInterval(Duration.ZERO).build())
                .isInstanceOf(InvalidOptionsException.class).hasMessage("retryInterval PT0S must be at least 1 ms; set retryInterval");
        assertThatThrownBy(() -> RedisRateLimiter.builder(SETTINGS, LIMIT).build((RedisClient) null))
                .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("the client is null");
        assertThatThrownBy(() -> RedisRateLimiter.builder(SETTINGS, null).build())
                .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("the default limit");
    }

    @Test
    void refusesBadRequestsWithTheLocalLimitersMessagesBeforeAskingRedis() {
        try (RedisRateLimiter limiter = RedisRateLimiter.builder(SETTINGS, LIMIT).build()) {
            assertThatThrownBy(() -> limiter.tryAcquire(" ", 1)).isInstanceOf(InvalidOptionsException.class)
                    .hasMessage("rate limiter key ' ' is null or blank; pass a key such as bytes:<collection>");
            assertThatThrownBy(() -> limiter.tryAcquire("k", Long.MAX_VALUE)).isInstanceOf(InvalidOptionsException.class)
                    .hasMessageContaining("would take more than 73 years");
            assertThat(limiter.outages()).as("nothing was sent").isZero();
        }
    }

    @Test
    void givesEachKeyItsOwnLimitThenTheFunctionsThenTheDefault() {
        RateLimit own = RateLimit.perSecond(1, 1);
        RateLimit computed = RateLimit.perSecond(2, 2);
        try (RedisRateLimiter limiter = RedisRateLimiter.builder(SETTINGS, LIMIT).limit("a", own)
                .limits(key -> key.startsWith("t:") ? computed : null).build()) {
            assertThat(limiter.limitFor("a")).isEqualTo(own);
            assertThat(limiter.limitFor("t:x")).isEqualTo(computed);
            assertThat(limiter.limitFor("b")).isEqualTo(LIMIT);
        }
    }
}
