package dev.chunking.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.RateLimit;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.TestRedis;
import dev.chunking.redis.internal.KeySpace;
import dev.chunking.redis.ratelimit.internal.BucketScript;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis limiter on Redis's own clock: key lifetimes, clocks that lie, a forgotten script. */
class RedisRateLimiterIT {
    private static final RateLimit TEN_PER_SECOND_BURST_5 = RateLimit.perSecond(10, 5);

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void deleteTheKeys() {
        redis.close();
    }

    @Test
    void setsTheKeyToExpireWhenTheBucketWouldBeFullAgain() {
        RateLimit limit = RateLimit.perSecond(1000, 2000); // refilled from empty in 2 s
        try (RedisRateLimiter limiter = RedisRateLimiter.builder(redis.settings().build(), limit).build()) {
            assertThat(limiter.tryAcquire("bytes:manuals", 500)).isZero();
            assertThat(limiter.tryAcquire("bytes:manuals", 700)).isZero();
            String key = new KeySpace(redis.prefix).limiter("bytes:manuals");
            long pttl = redis.commands().pttl(key);
            assertThat(pttl).as("1200 permits take 1.2 s to refill").isPositive().isLessThanOrEqualTo(1200).isGreaterThan(1000);
            assertThat(limiter.tryAcquire("bytes:manuals", 800)).isZero(); // empty now: full again in 2 s
            assertThat(redis.commands().pttl(key)).isPositive().isLessThanOrEqualTo(2000);
            assertThat(redis.keys()).containsExactly(key);
        }
    }

    @Test
    void takesTheTimeFromRedisSoAnInstanceWhoseClockIsWrongChangesNothing() {
        RedisSettings settings = redis.settings().build();
        // this instance's own clock jumps at random across centuries; only the local fallback would read it
        try (RedisRateLimiter skewed = RedisRateLimiter.builder(settings, TEN_PER_SECOND_BURST_5)
                .nanoTime(() -> ThreadLocalRandom.current().nextLong()).build();
             RedisRateLimiter sane = RedisRateLimiter.builder(settings, TEN_PER_SECOND_BURST_5).build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(skewed.tryAcquire("k", 1)).as("permit %d", i + 1).isZero();
            }
            Duration skewedWait = skewed.tryAcquire("k", 1);
            Duration saneWait = sane.tryAcquire("k", 1);
            assertThat(skewedWait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100)).isGreaterThan(Duration.ofMillis(50));
            assertThat(saneWait).isPositive().isLessThanOrEqualTo(skewedWait);
            sleep(saneWait);
            assertThat(sane.tryAcquire("k", 1)).as("granted after the wait Redis's clock gave").isZero();
            assertThat(skewed.tryAcquire("k", 1)).as("and that permit is gone for every instance").isPositive();
            assertThat(skewed.redisAway()).isFalse();
        }
    }

    @Test
    void sendsTheWholeScriptOnceWhenRedisDoesNotKnowItsDigest() {
        BucketScript script = new BucketScript("0000000000000000000000000000000000000000");
        try (RedisRateLimiter limiter = RedisRateLimiter.builder(redis.settings().build(), TEN_PER_SECOND_BURST_5)
                .script(script).build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(limiter.tryAcquire("k", 1)).isZero();
            }
            assertThat(limiter.tryAcquire("k", 1)).isPositive();
            assertThat(script.evals()).as("EVAL once, then EVALSHA of the cached script").isEqualTo(1);
            assertThat(limiter.outages()).isZero();
        }
    }

    @Test
    void sharesOneBucketBetweenLimitersOverAHostsClientAndAHostsConnection() {
        RedisClient client = RedisClient.create(RedisURI.create(TestRedis.URI));
        try (var connection = client.connect();
             RedisRateLimiter overClient = RedisRateLimiter.builder(redis.settings().build(), TEN_PER_SECOND_BURST_5).build(client);
             RedisRateLimiter overConnection = RedisRateLimiter.builder(redis.settings().build(), TEN_PER_SECOND_BURST_5)
                     .build(connection)) {
            assertThat(overClient.tryAcquire("k", 3)).isZero();
            assertThat(overConnection.tryAcquire("k", 2)).isZero();
            assertThat(overClient.tryAcquire("k", 1)).isPositive();
            overConnection.close();
            assertThat(connection.isOpen()).as("the host's connection stays open").isTrue();
        } finally {
            client.shutdown();
        }
    }

    static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
