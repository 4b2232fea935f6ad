package dev.chunking.redis.ratelimit;

import dev.chunking.domain.RateLimit;
import dev.chunking.redis.TestRedis;
import dev.chunking.spi.RateLimiter;
import dev.chunking.testing.RateLimiterContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.function.LongSupplier;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.AfterAll;

/**
 * The rate limiter contract against a real Redis: the same buckets, the same exact waits, the same
 * bounds as the in-process limiter. The contract runs on a fake clock, which the script is given
 * instead of Redis's {@code TIME} (the only difference from production), so no test sleeps.
 */
class RedisRateLimiterContractIT extends RateLimiterContract {
    private static Shared shared;

    /** A prefix and a connection for the tests of one engine (JUnit's, then jqwik's), closed after them. */
    private record Shared(TestRedis redis, RedisClient client, StatefulRedisConnection<String, String> connection) {
    }

    private static synchronized Shared shared() {
        if (shared == null) {
            RedisClient client = RedisClient.create(TestRedis.URI);
            shared = new Shared(new TestRedis(), client, client.connect());
        }
        return shared;
    }

    @AfterAll
    @AfterContainer
    static synchronized void closeAndDeleteTheKeys() {
        if (shared != null) {
            shared.connection().close();
            shared.client().shutdown();
            shared.redis().close();
            shared = null;
        }
    }

    @Override
    protected RateLimiter limiter(RateLimit limit, LongSupplier nanoTime) {
        Shared s = shared();
        return RedisRateLimiter.builder(s.redis().settings().build(), limit).testClock(nanoTime)
                .onRedisFailure(OnRedisFailure.FAIL_CLOSED).build(s.connection());
    }
}
