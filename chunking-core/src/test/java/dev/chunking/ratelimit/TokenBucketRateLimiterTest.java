package dev.chunking.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.RateLimit;
import dev.chunking.spi.RateLimiter;
import dev.chunking.testing.RateLimiterContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The in-process token bucket: the rate limiter contract, per-key limits, and the bound on tracked keys. */
class TokenBucketRateLimiterTest extends RateLimiterContract {
    private static final RateLimit SLOW = RateLimit.perSecond(1, 5); // full again 5 s after being drained
    private static final RateLimit FAST = RateLimit.perSecond(1000, 5); // full again 5 ms after being drained

    private final AtomicLong clock = new AtomicLong(START);

    @Override
    protected RateLimiter limiter(RateLimit limit, LongSupplier nanoTime) {
        return TokenBucketRateLimiter.builder(limit).nanoTime(nanoTime).build();
    }

    private TokenBucketRateLimiter.Builder builder(RateLimit limit) {
        return TokenBucketRateLimiter.builder(limit).nanoTime(clock::get);
    }

    @Test
    void givesExactKeysTheirOwnLimitThenTheFunctionsThenTheDefault() {
        RateLimit own = RateLimit.perSecond(1000, 100);
        RateLimit tenants = RateLimit.perSecond(1, 2);
        TokenBucketRateLimiter limiter = builder(RateLimit.perSecond(10, 5)).limit("bytes:a", own)
                .limits(key -> key.startsWith("bytes:t") ? tenants : null).build();
        assertThat(limiter.limitFor("bytes:a")).isEqualTo(own);
        assertThat(limiter.limitFor("bytes:t1")).isEqualTo(tenants);
        assertThat(limiter.limitFor("bytes:b")).isEqualTo(RateLimit.perSecond(10, 5));
        assertThat(limiter.tryAcquire("bytes:a", 100)).isZero();
        assertThat(limiter.tryAcquire("bytes:a", 1)).isEqualTo(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("bytes:t1", 2)).isZero();
        assertThat(limiter.tryAcquire("bytes:t1", 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("bytes:b", 5)).isZero();
        assertThat(limiter.tryAcquire("bytes:b", 1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void tracksNoMoreThanMaxKeysHoweverManyItSees() {
        TokenBucketRateLimiter limiter = builder(SLOW).maxKeys(8).build();
        assertThat(limiter.maxKeys()).isEqualTo(8);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("k" + i, 5)).isZero();
            assertThat(limiter.trackedKeys()).isBetween(1, 8);
            clock.addAndGet(1);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(8);
        assertThat(TokenBucketRateLimiter.of(SLOW).maxKeys()).isEqualTo(TokenBucketRateLimiter.DEFAULT_MAX_KEYS).isEqualTo(10_000);
    }

    /**
     * Drains a slow key and three fast ones, lets the fast ones fill up, then brings new fast keys
     * twice, each time after the fast ones filled up again; records every answer.
     */
    private static List<Duration> idleKeysScenario(TokenBucketRateLimiter limiter, AtomicLong time) {
        List<Duration> answers = new ArrayList<>();
        for (String key : List.of("busy", "idle1", "idle2", "idle3")) {
            answers.add(limiter.tryAcquire(key, 5));
        }
        time.addAndGet(10_000_000); // 10 ms: the fast buckets are full again, the slow one holds 0.01 permits
        for (String key : List.of("new1", "busy", "new2", "new3")) {
            answers.add(limiter.tryAcquire(key, key.equals("busy") ? 1 : 5));
        }
        time.addAndGet(10_000_000);
        for (String key : List.of("idle1", "busy", "idle2", "new1")) {
            answers.add(limiter.tryAcquire(key, 5));
            answers.add(limiter.tryAcquire(key, 1));
        }
        return answers;
    }

    @Test
    void forgetsKeysWhoseBucketIsFullFirstAndThatChangesNoAnswer() {
        Function<String, RateLimit> limits = key -> key.equals("busy") ? SLOW : null;
        TokenBucketRateLimiter bounded = builder(FAST).limits(limits).maxKeys(4).build();
        AtomicLong unboundedClock = new AtomicLong(START);
        TokenBucketRateLimiter unbounded = TokenBucketRateLimiter.builder(FAST).limits(limits).nanoTime(unboundedClock::get).build();

        List<Duration> answers = idleKeysScenario(bounded, clock);
        assertThat(answers).isEqualTo(idleKeysScenario(unbounded, unboundedClock));
        assertThat(answers.subList(4, 8)).containsExactly(Duration.ZERO, Duration.ofMillis(990), Duration.ZERO, Duration.ZERO);
        assertThat(answers.subList(8, 16)).containsExactly(Duration.ZERO, Duration.ofMillis(1), // idle1 starts over, as if remembered
                Duration.ofMillis(4980), Duration.ofMillis(980), // busy kept its debt: it was never full
                Duration.ZERO, Duration.ofMillis(1), Duration.ZERO, Duration.ofMillis(1));
        assertThat(bounded.trackedKeys()).isEqualTo(4);
        assertThat(unbounded.trackedKeys()).isEqualTo(7);
    }

    @Test
    void forgetsTheLeastRecentlyUsedKeyWhenNoBucketIsFullAndItsDebtWithIt() {
        TokenBucketRateLimiter limiter = builder(SLOW).maxKeys(4).build();
        for (String key : List.of("a", "b", "c", "d")) {
            assertThat(limiter.tryAcquire(key, 5)).isZero();
            clock.addAndGet(1);
        }
        assertThat(limiter.tryAcquire("a", 1)).isPositive(); // a refusal is a use too: b is now the least recent
        clock.addAndGet(1);
        assertThat(limiter.tryAcquire("e", 5)).isZero();
        assertThat(limiter.trackedKeys()).isEqualTo(4);
        for (String key : List.of("a", "c", "d", "e")) {
            assertThat(limiter.tryAcquire(key, 1)).as(key).isPositive();
        }
        assertThat(limiter.trackedKeys()).isEqualTo(4);
        assertThat(limiter.tryAcquire("b", 5)).as("b starts over with a full bucket").isZero();
    }

    @Test
    void freesASixteenthOfTheKeysPerSweepSoSweepsAreRare() {
        TokenBucketRateLimiter limiter = builder(SLOW).maxKeys(64).build();
        for (int i = 0; i < 64; i++) {
            assertThat(limiter.tryAcquire("old" + i, 5)).isZero();
            clock.addAndGet(1);
        }
        assertThat(limiter.tryAcquire("new0", 1)).isZero();
        assertThat(limiter.trackedKeys()).isEqualTo(61);
        for (int i = 4; i < 64; i++) {
            assertThat(limiter.tryAcquire("old" + i, 1)).as("old%d is still tracked", i).isPositive();
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(limiter.tryAcquire("new" + i, 1)).isZero();
        }
        assertThat(limiter.trackedKeys()).isEqualTo(64);
        assertThat(limiter.tryAcquire("new4", 1)).isZero();
        assertThat(limiter.trackedKeys()).isEqualTo(61);
    }

    @Test
    void keepsTimeMovingForwardForABucketWhenTheClockGoesBack() {
        TokenBucketRateLimiter limiter = builder(RateLimit.perSecond(10, 5)).build();
        assertThat(limiter.tryAcquire("k", 5)).isZero();
        clock.addAndGet(-1_000_000_000);
        assertThat(limiter.tryAcquire("k", 1)).isEqualTo(Duration.ofMillis(100));
        clock.addAndGet(1_100_000_000);
        assertThat(limiter.tryAcquire("k", 1)).isZero();
        assertThat(limiter.tryAcquire("k", 1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void worksAcrossTheWrapOfTheNanosecondClock() {
        clock.set(Long.MAX_VALUE - 50_000_000);
        TokenBucketRateLimiter limiter = builder(RateLimit.perSecond(10, 5)).build();
        assertThat(limiter.tryAcquire("k", 5)).isZero();
        assertThat(limiter.tryAcquire("k", 1)).isEqualTo(Duration.ofMillis(100));
        clock.addAndGet(100_000_000); // now negative
        assertThat(clock.get()).isNegative();
        assertThat(limiter.tryAcquire("k", 1)).isZero();
        assertThat(limiter.tryAcquire("k", 1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void refusesARequestThatWouldTakeDecadesToRefillSayingWhy() {
        TokenBucketRateLimiter limiter = builder(RateLimit.perSecond(0.000_001, 1)).build();
        assertThatThrownBy(() -> limiter.tryAcquire("bytes:slow", 10_000)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("10000 permits asked for key 'bytes:slow' would take more than 73 years to refill at 1.0E-6 permits"
                        + " per second; ask for fewer permits or raise the rate");
        assertThat(limiter.tryAcquire("bytes:slow", 1)).isZero();
        assertThat(limiter.tryAcquire("bytes:slow", 1)).isEqualTo(Duration.ofSeconds(1_000_000));
    }

    @Test
    void refusesMissingOrOutOfRangeSettingsSayingWhich() {
        assertThatThrownBy(() -> TokenBucketRateLimiter.builder(null).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("the default limit, limits and nanoTime must be set, got null");
        assertThatThrownBy(() -> builder(SLOW).nanoTime(null).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("set limits and nanoTime");
        assertThatThrownBy(() -> builder(SLOW).maxKeys(0).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("maxKeys 0 is below the minimum of 1; set maxKeys to at least 1");
        assertThatThrownBy(() -> builder(SLOW).limit(" ", SLOW)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("a per-key limit needs a key that is not blank and a limit, got key ' ' and limit 1.0 permits/s, burst 5;"
                        + " pass both to limit(key, limit)");
        assertThatThrownBy(() -> builder(SLOW).limit("k", null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("got key 'k' and limit null");
    }

    @Test
    void givesBackThePlaceOfAKeyWhoseLimitCouldNotBeComputed() {
        TokenBucketRateLimiter limiter = builder(SLOW).maxKeys(1).limits(key -> {
            if (key.equals("bad")) {
                throw new IllegalStateException("no limit for " + key);
            }
            return null;
        }).build();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> limiter.tryAcquire("bad", 1)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(limiter.trackedKeys()).isZero();
        assertThat(limiter.tryAcquire("good", 1)).isZero();
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void staysWithinMaxKeysWhileThreadsBringNewAndSharedKeys() throws Exception {
        TokenBucketRateLimiter limiter = TokenBucketRateLimiter.builder(RateLimit.perSecond(1000, 10)).maxKeys(100).build();
        ExecutorService threads = Executors.newFixedThreadPool(9);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger most = new AtomicInteger();
        try {
            Future<?> watcher = threads.submit(() -> {
                while (!done.get()) {
                    most.accumulateAndGet(limiter.trackedKeys(), Math::max);
                }
            });
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                workers.add(threads.submit(() -> {
                    go.await();
                    long[] grantedNewAndShared = new long[2];
                    for (int i = 0; i < 20_000; i++) {
                        grantedNewAndShared[0] += limiter.tryAcquire("t" + thread + "-" + i, 10).isZero() ? 1 : 0;
                        grantedNewAndShared[1] += limiter.tryAcquire("shared" + (i % 300), 1).isZero() ? 1 : 0;
                    }
                    return grantedNewAndShared;
                }));
            }
            go.countDown();
            long sharedGranted = 0;
            for (Future<long[]> worker : workers) {
                long[] granted = worker.get(60, TimeUnit.SECONDS);
                assertThat(granted[0]).as("every new key's first request is granted from its full bucket").isEqualTo(20_000);
                sharedGranted += granted[1];
            }
            done.set(true);
            watcher.get(10, TimeUnit.SECONDS);
            assertThat(sharedGranted).isPositive();
            assertThat(most.get()).isBetween(1, 100);
            assertThat(limiter.trackedKeys()).isBetween(1, 100);
        } finally {
            done.set(true);
            threads.shutdownNow();
        }
    }
}
