package dev.chunking.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** On the real clock, eight threads hammering one key are granted its rate within 1 %, never more. */
class TokenBucketAccuracyIT {
    private static final double RATE = 200_000; // permits per second
    // 500 ms of permits: while every thread stalls (a GC, a safepoint, or this process off the CPU of a busy machine) the
    // bucket fills up, and the threads take it when they run again; only a stall longer than that loses permits
    private static final long BURST = 100_000;
    private static final int THREADS = 8;
    private static final long RUN_NANOS = 3_000_000_000L;

    @Test
    void grantsEightThreadsHammeringOneKeyTheRateWithinOnePercent() throws Exception {
        TokenBucketRateLimiter limiter = TokenBucketRateLimiter.of(RateLimit.perSecond(RATE, BURST));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            long[] deadline = new long[1];
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    long granted = 0;
                    long grants = 0;
                    long calls = 0;
                    long lastGrant = 0;
                    for (long permits = 1 + thread; System.nanoTime() - deadline[0] < 0; permits = permits % 100 + 1) {
                        calls++;
                        if (limiter.tryAcquire("bytes:hot", permits).isZero()) {
                            lastGrant = System.nanoTime();
                            granted += permits;
                            grants++;
                        }
                    }
                    return new long[] {granted, grants, calls, lastGrant};
                }));
            }
            ready.await();
            long start = System.nanoTime();
            deadline[0] = start + RUN_NANOS;
            go.countDown(); // publishes the deadline to the threads
            long granted = 0;
            long grants = 0;
            long calls = 0;
            long end = start;
            for (Future<long[]> result : results) {
                long[] r = result.get(60, TimeUnit.SECONDS);
                granted += r[0];
                grants += r[1];
                calls += r[2];
                end = r[1] > 0 && r[3] - end > 0 ? r[3] : end;
            }
            // from before the bucket existed to after the last grant: all grants fall within, however late threads end
            long elapsed = end - start;
            double bound = RATE * elapsed / 1e9 + BURST;
            System.out.printf("token bucket accuracy: %d permits granted in %d grants of %d calls, the last %.3f s after the start;"
                    + " bound %.0f (%.3f %%)%n",
                    granted, grants, calls, elapsed / 1e9, bound, 100.0 * granted / bound);
            assertThat((double) granted).isLessThanOrEqualTo(bound).isGreaterThanOrEqualTo(0.99 * bound);
            assertThat(limiter.trackedKeys()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
