package dev.chunking.examples.relay.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts latencies in microseconds in log-linear buckets (64 per power of two, so a percentile is
 * read within 1.6 %), exactly below 128 µs; the maximum is kept exactly. Thread-safe, lock-free,
 * fixed size (about 30 KB) whatever the number of values.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS) * SUB + 2 * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong negative = new AtomicLong();

    /** Adds one latency; a negative one (clock step) counts as 0 and is counted apart. */
    void record(long micros) {
        long v = micros;
        if (v < 0) {
            negative.incrementAndGet();
            v = 0;
        }
        counts.incrementAndGet(index(v));
        total.incrementAndGet();
        max.accumulateAndGet(v, Math::max);
    }

    static int index(long v) {
        if (v < 2 * SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return shift * SUB + (int) (v >>> shift);
    }

    /** The highest value of a bucket. */
    static long upper(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long sub = index - (long) shift * SUB;
        return ((sub + 1) << shift) - 1;
    }

    /** @return the values recorded */
    long count() {
        return total.get();
    }

    /** @return the largest value, 0 when none */
    long max() {
        return max.get();
    }

    /** @return the values that were negative */
    long negatives() {
        return negative.get();
    }

    /**
     * The value under which a share of the values lie (the upper end of its bucket, at most the maximum).
     *
     * @param share e.g. 0.99
     * @return the percentile in microseconds, 0 when nothing was recorded
     */
    long percentile(double share) {
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(share * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upper(i), max.get());
            }
        }
        return max.get();
    }
}
