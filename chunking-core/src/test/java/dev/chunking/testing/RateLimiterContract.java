package dev.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.RateLimit;
import dev.chunking.spi.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} of this library does, on an injected fake clock (no sleeps): a
 * token bucket per key, full at first ({@code burst} permits), refilled continuously at the rate
 * up to the burst; a request is granted when the bucket holds {@code min(permits, burst)}, which
 * then drops by {@code permits} (into debt beyond the burst); otherwise the answer is the exact
 * wait (at least 1 ns) and nothing is taken. Bad arguments are {@link InvalidOptionsException}s
 * with the messages of {@link RateLimiter#checkRequest}.
 *
 * <p>An implementation's test extends this class and implements {@link #limiter(RateLimit,
 * LongSupplier)}; keys come from {@link #key(String)}, unique per instance, so a shared store (such
 * as a Redis server) needs no cleaning between tests. {@code chunking-core} publishes its test
 * classes as a test-jar, so another module reuses this suite with, in test scope, JUnit Jupiter,
 * jqwik, AssertJ and
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.chunking</groupId>
 *   <artifactId>chunking-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 */
public abstract class RateLimiterContract {
    /** The fake clock's first reading, in nanoseconds: any value works, this one is exact as a double too. */
    protected static final long START = 1_000_000_000_000L;
    /** Ten permits a second: one every 100 ms, exactly. */
    protected static final RateLimit TEN_PER_SECOND_BURST_5 = RateLimit.perSecond(10, 5);

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(START);
    private final String prefix = "contract-" + UUID.randomUUID() + ":";
    private final AtomicLong keys = new AtomicLong();

    /**
     * Creates the limiter under test, every key limited to {@code limit}, reading time from {@code nanoTime} only.
     *
     * @param limit the limit of every key
     * @param nanoTime the clock, in nanoseconds like {@link System#nanoTime()}
     * @return a new limiter that has seen no key
     */
    protected abstract RateLimiter limiter(RateLimit limit, LongSupplier nanoTime);

    /**
     * Creates the limiter under test on this test's fake clock.
     *
     * @param limit the limit of every key
     * @return the limiter
     */
    protected final RateLimiter limiter(RateLimit limit) {
        return limiter(limit, now::get);
    }

    /**
     * Moves this test's fake clock on.
     *
     * @param nanos how far, in nanoseconds
     */
    protected final void advance(long nanos) {
        now.addAndGet(nanos);
    }

    /**
     * Moves this test's fake clock on.
     *
     * @param duration how far
     */
    protected final void advance(Duration duration) {
        advance(duration.toNanos());
    }

    /**
     * A key no other test uses.
     *
     * @param name a readable part
     * @return the key
     */
    protected final String key(String name) {
        return prefix + name + "-" + keys.incrementAndGet();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void grantsTheBurstAtOnceThenRefuses() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(key, 1)).as("permit %d", i + 1).isZero();
        }
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(100));
    }

    @Test
    void grantsAWholeBurstInOneRequest() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 5)).isZero();
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(100));
    }

    @Test
    void tellsTheExactWaitForHowManyPermitsAreAsked() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 5)).isZero();
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(100));
        assertThat(limiter.tryAcquire(key, 3)).isEqualTo(ms(300));
        assertThat(limiter.tryAcquire(key, 5)).isEqualTo(ms(500));
        advance(ms(30));
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(70));
    }

    @Test
    void grantsAfterWaitingExactlyTheReturnedTimeAndNotOneNanosecondSooner() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 5)).isZero();
        Duration wait = limiter.tryAcquire(key, 2);
        assertThat(wait).isEqualTo(ms(200));
        advance(wait.toNanos() - 1);
        assertThat(limiter.tryAcquire(key, 2)).isEqualTo(Duration.ofNanos(1));
        advance(1);
        assertThat(limiter.tryAcquire(key, 2)).isZero();
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(100));
    }

    @Test
    void refillsInProportionToTheTimeWaited() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 5)).isZero();
        advance(ms(250)); // 2.5 permits
        assertThat(limiter.tryAcquire(key, 3)).isEqualTo(ms(50));
        assertThat(limiter.tryAcquire(key, 2)).isZero();
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(50));
    }

    @Test
    void neverRefillsBeyondTheBurst() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 5)).isZero();
        advance(Duration.ofHours(1));
        assertThat(limiter.tryAcquire(key, 6)).isZero(); // a full bucket grants more than the burst, into debt
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(200));
        String other = key("other");
        advance(Duration.ofHours(1));
        assertThat(limiter.tryAcquire(other, 5)).isZero();
        assertThat(limiter.tryAcquire(other, 1)).isEqualTo(ms(100));
    }

    @Test
    void keepsKeysIndependent() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String a = key("a");
        String b = key("b");
        assertThat(limiter.tryAcquire(a, 5)).isZero();
        assertThat(limiter.tryAcquire(a, 1)).isEqualTo(ms(100));
        assertThat(limiter.tryAcquire(b, 4)).isZero();
        assertThat(limiter.tryAcquire(b, 1)).isZero();
        assertThat(limiter.tryAcquire(b, 1)).isEqualTo(ms(100));
        advance(ms(100));
        assertThat(limiter.tryAcquire(a, 1)).isZero();
        assertThat(limiter.tryAcquire(a, 1)).isEqualTo(ms(100));
        assertThat(limiter.tryAcquire(b, 1)).isZero();
    }

    @Test
    void takesNothingWhenItRefuses() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 5)).isZero();
        advance(ms(100)); // 1 permit
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(key, 3)).isEqualTo(ms(200));
            assertThat(limiter.tryAcquire(key, 5)).isEqualTo(ms(400));
        }
        assertThat(limiter.tryAcquire(key, 1)).isZero();
    }

    @Test
    void grantsARequestLargerThanTheBurstFromAFullBucketAndOwesTheExcess() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 12)).isZero(); // 5 - 12 = -7 permits
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(ms(800));
        assertThat(limiter.tryAcquire(key, 12)).isEqualTo(ms(1200)); // until full again
        advance(ms(800));
        assertThat(limiter.tryAcquire(key, 1)).isZero();
    }

    @Test
    void waitsForAFullBucketBeforeARequestLargerThanTheBurst() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 1)).isZero();
        assertThat(limiter.tryAcquire(key, 100)).isEqualTo(ms(100));
        advance(ms(99));
        assertThat(limiter.tryAcquire(key, 100)).isEqualTo(ms(1));
        advance(ms(1));
        assertThat(limiter.tryAcquire(key, 100)).isZero();
    }

    @Test
    void keepsTheAverageRateForRequestsLargerThanTheBurst() {
        RateLimiter limiter = limiter(RateLimit.perSecond(1_000_000, 16_000)); // a 64 KB buffer is 4 bursts
        String key = key("bytes:manuals");
        long start = now.get();
        int granted = 0;
        while (granted < 100) {
            Duration wait = limiter.tryAcquire(key, 64_000);
            if (wait.isZero()) {
                granted++;
            } else {
                assertThat(wait).isPositive();
                advance(wait);
            }
        }
        assertThat(now.get() - start).isEqualTo(99 * 64 * MS); // the first from the full bucket, then 64 ms each
    }

    @Test
    void tellsTheShortestWaitThatWorksAtAFractionalRate() {
        RateLimiter limiter = limiter(RateLimit.perSecond(3, 1)); // a permit every 333,333,333.3 ns
        String key = key("k");
        assertThat(limiter.tryAcquire(key, 1)).isZero();
        Duration wait = limiter.tryAcquire(key, 1);
        assertThat(wait.toNanos()).isBetween(333_333_334L, 333_333_335L);
        advance(wait.toNanos() - 1);
        assertThat(limiter.tryAcquire(key, 1)).isEqualTo(Duration.ofNanos(1));
        advance(1);
        assertThat(limiter.tryAcquire(key, 1)).isZero();
        RateLimiter slow = limiter(RateLimit.perSecond(0.5, 2));
        String other = key("slow");
        assertThat(slow.tryAcquire(other, 2)).isZero();
        assertThat(slow.tryAcquire(other, 1)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void grantsExactlyTheBurstToConcurrentCallersAtOneInstant() throws Exception {
        RateLimiter limiter = limiter(RateLimit.perSecond(10, 1000));
        String key = key("k");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> granted = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                granted.add(threads.submit(() -> {
                    go.await();
                    int n = 0;
                    for (int i = 0; i < 500; i++) {
                        Duration wait = limiter.tryAcquire(key, 1);
                        n += wait.isZero() ? 1 : 0;
                        assertThat(wait).isIn(Duration.ZERO, ms(100));
                    }
                    return n;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(1000);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void refusesABlankKeyAndFewerThanOnePermitSayingWhy() {
        RateLimiter limiter = limiter(TEN_PER_SECOND_BURST_5);
        assertThatThrownBy(() -> limiter.tryAcquire(null, 1)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("rate limiter key null is null or blank; pass a key such as bytes:<collection>");
        assertThatThrownBy(() -> limiter.tryAcquire(" ", 1)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("rate limiter key ' ' is null or blank; pass a key such as bytes:<collection>");
        String key = key("k");
        assertThatThrownBy(() -> limiter.tryAcquire(key, 0)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("0 permits asked for key '" + key + "', below the minimum of 1; ask for at least 1 permit");
        assertThatThrownBy(() -> limiter.tryAcquire(key, -5)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("-5 permits asked for key");
        assertThat(limiter.tryAcquire(key, 5)).as("the refused requests took nothing").isZero();
    }

    /** One step of a generated run: move the clock, ask, and maybe wait exactly as told and ask again. */
    public record Step(long advanceNanos, long permits, boolean honourWait) {
    }

    @Provide
    Arbitrary<RateLimit> limits() {
        return Combinators.combine(Arbitraries.of(0.5, 1.0, 3.0, 7.0, 10.0, 1000.0, 48_000.0, 200_000.0, 1e9 / 7),
                Arbitraries.longs().between(1, 20)).as(RateLimit::perSecond);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> advance = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(0, 3_000_000_000L));
        return Combinators.combine(advance, Arbitraries.longs().between(1, 30), Arbitraries.of(true, false))
                .as(Step::new).list().ofMaxSize(60);
    }

    /** Over every stretch from one grant to a later one, at most the burst, the refill and the largest excess over the burst. */
    @Property(tries = 300)
    void neverGrantsMoreThanTheBurstPlusTheRefillAndAnHonouredWaitGrants(@ForAll("limits") RateLimit limit,
                                                                        @ForAll("steps") List<Step> steps) {
        AtomicLong clock = new AtomicLong(START);
        RateLimiter limiter = limiter(limit, clock::get);
        String key = key("p");
        List<long[]> grants = new ArrayList<>(); // time, permits
        long largestExcess = 0;
        for (Step step : steps) {
            clock.addAndGet(step.advanceNanos());
            Duration wait = limiter.tryAcquire(key, step.permits());
            if (!wait.isZero()) {
                assertThat(wait).isPositive();
                if (!step.honourWait()) {
                    continue;
                }
                clock.addAndGet(wait.toNanos());
                assertThat(limiter.tryAcquire(key, step.permits())).as("after waiting %s as told", wait).isZero();
            }
            grants.add(new long[] {clock.get(), step.permits()});
            largestExcess = Math.max(largestExcess, step.permits() - limit.burst());
            long granted = 0;
            for (int from = grants.size() - 1; from >= 0; from--) {
                granted += grants.get(from)[1];
                double bound = limit.burst() + limit.permitsPerSecond() * (clock.get() - grants.get(from)[0]) / 1e9 + largestExcess;
                assertThat((double) granted).as("granted since grant %d of %d", from + 1, grants.size())
                        .isLessThanOrEqualTo(bound * (1 + 1e-12));
            }
        }
    }

    @Provide
    Arbitrary<RateLimit> wholeNanosecondLimits() {
        return Combinators.combine(Arbitraries.of(0.5, 1.0, 4.0, 10.0, 1000.0, 200_000.0, 1e9), Arbitraries.longs().between(1, 20))
                .as(RateLimit::perSecond);
    }

    @Property(tries = 300)
    void agreesWithAPlainBucketWhenAPermitTakesWholeNanoseconds(@ForAll("wholeNanosecondLimits") RateLimit limit,
                                                                @ForAll("steps") List<Step> steps) {
        AtomicLong clock = new AtomicLong(START);
        RateLimiter limiter = limiter(limit, clock::get);
        String key = key("m");
        long perPermit = Math.round(1e9 / limit.permitsPerSecond());
        long capacity = limit.burst() * perPermit;
        long level = capacity; // the model's tokens, in nanoseconds of refill
        for (Step step : steps) {
            clock.addAndGet(step.advanceNanos());
            level = Math.min(capacity, level + step.advanceNanos());
            long need = Math.min(step.permits(), limit.burst()) * perPermit;
            Duration expected = level >= need ? Duration.ZERO : Duration.ofNanos(need - level);
            assertThat(limiter.tryAcquire(key, step.permits())).isEqualTo(expected);
            if (level >= need) {
                level -= step.permits() * perPermit;
            }
        }
    }
}
