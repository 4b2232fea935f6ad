package dev.chunking.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.RateLimit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Memory follows maxKeys, never the number of keys seen. */
class TokenBucketMemoryIT {
    private static final int MAX_KEYS = 1000;
    private static final int KEYS = 1_100_000;
    private static final int FIRST = 100_000;

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    @Test
    void tracksAtMostMaxKeysAndHoldsNoMoreHeapAfterAMillionKeysThanAfterAHundredThousand() {
        AtomicLong clock = new AtomicLong();
        // half the keys refill in 1 ms (the sweeps forget them losslessly), half in 10 s (forgotten least recently used first)
        TokenBucketRateLimiter limiter = TokenBucketRateLimiter.builder(RateLimit.perSecond(1000, 1))
                .limits(key -> key.hashCode() % 2 == 0 ? RateLimit.perSecond(0.1, 1) : null)
                .maxKeys(MAX_KEYS).nanoTime(clock::get).build();
        int most = 0;
        long heapAtFirst = 0;
        for (int i = 0; i < KEYS; i++) {
            assertThat(limiter.tryAcquire("bytes:collection-" + i, 1).isZero()).isTrue();
            int tracked = limiter.trackedKeys();
            if (tracked > MAX_KEYS) {
                assertThat(tracked).as("tracked keys after key %d", i).isLessThanOrEqualTo(MAX_KEYS);
            }
            most = Math.max(most, tracked);
            clock.addAndGet(1_000); // 1 µs a request
            if (i + 1 == FIRST) {
                heapAtFirst = usedHeapAfterGc();
            }
        }
        long heapAtLast = usedHeapAfterGc();
        System.out.printf("token bucket memory: %d keys, at most %d tracked; heap %d KiB after %d keys, %d KiB after %d%n",
                KEYS, most, heapAtFirst >> 10, FIRST, heapAtLast >> 10, KEYS);
        assertThat(most).isEqualTo(MAX_KEYS);
        assertThat(limiter.trackedKeys()).isBetween(1, MAX_KEYS);
        // a million forgotten keys kept anywhere would take over 50 MiB (a String alone is about 64 bytes)
        assertThat(heapAtLast - heapAtFirst).as("heap growth in bytes for %d more keys", KEYS - FIRST).isLessThan(8L << 20);
        // and every key forgotten by a sweep starts over with a full bucket
        assertThat(limiter.tryAcquire("bytes:collection-0", 1)).isZero();
    }
}
