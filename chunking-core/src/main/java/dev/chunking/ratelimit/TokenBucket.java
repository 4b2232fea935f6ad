package dev.chunking.ratelimit;

import dev.chunking.domain.RateLimit;
import java.util.function.LongSupplier;

/**
 * One key's token bucket, kept as the time at which it is full again (the "theoretical arrival
 * time" of GCRA): at time {@code now} it holds {@code burst - (full - now) / nanosPerPermit}
 * tokens, {@code burst} when {@code full <= now}, fewer than 0 when a request larger than the
 * burst put it into debt. Times are {@link System#nanoTime()}-style values compared by difference,
 * so they may wrap. Costs are rounded up and allowances down to whole nanoseconds, so a bucket
 * never grants more than {@code burst + rate × elapsed} (plus one request's excess over the
 * burst), and a refused request granted after exactly the returned wait.
 *
 * <p>Thread-safe: every method locks the bucket. Once {@linkplain #retireIfFull retired} (forgotten
 * by its limiter) it grants nothing and answers {@link #RETIRED}, so its caller looks the key up again.
 */
public final class TokenBucket {
    /** Answer of {@link #tryTake} from a retired bucket: look the key up again. */
    public static final long RETIRED = -1;
    /** Answer of {@link #tryTake} when the request would take longer than {@link #MAX_NANOS} to refill. */
    public static final long TOO_LARGE = -2;
    /** The longest debt or capacity a bucket keeps, about 73 years: the sum of two never overflows. */
    public static final long MAX_NANOS = Long.MAX_VALUE / 4;
    /** Answer of {@link #retireIfFull} when the bucket was full and is now retired. */
    public static final long RETIRED_FULL = Long.MIN_VALUE;

    private final RateLimit limit;
    private final double nanosPerPermit;
    private long full; // when the bucket is full again; at or before lastNow it is full now
    private long lastNow; // the latest time seen: time never runs backwards for a bucket, and the LRU age
    private boolean retired;

    /**
     * Creates a full bucket.
     *
     * @param limit its rate and capacity
     * @param now the current time in nanoseconds
     */
    public TokenBucket(RateLimit limit, long now) {
        this.limit = limit;
        this.nanosPerPermit = 1e9 / limit.permitsPerSecond();
        this.full = now;
        this.lastNow = now;
    }

    /**
     * The bucket's rate and capacity.
     *
     * @return the limit
     */
    public RateLimit limit() {
        return limit;
    }

    /**
     * Takes {@code permits} when the bucket holds at least {@code min(permits, burst)} tokens, reading
     * the time under the bucket's lock (so that grants see time in order).
     *
     * @param permits at least 1
     * @param nanoTime the clock
     * @return 0 when taken; else the nanoseconds (at least 1) until enough tokens are there, nothing
     *     taken; or {@link #RETIRED}, or {@link #TOO_LARGE}
     */
    public synchronized long tryTake(long permits, LongSupplier nanoTime) {
        if (retired) {
            return RETIRED;
        }
        long cost = nanos(permits, true);
        if (cost >= MAX_NANOS) {
            return TOO_LARGE;
        }
        long now = nanoTime.getAsLong();
        if (now - lastNow < 0) {
            now = lastNow;
        }
        lastNow = now;
        long debt = full - now; // nanoseconds until full, <= 0 when full
        long allowance = nanos(limit.burst() - Math.min(permits, limit.burst()), false);
        if (debt > allowance) {
            return debt - allowance;
        }
        full = Math.max(debt, 0) + cost + now;
        return 0;
    }

    /**
     * Retires the bucket if it is full at {@code now}: forgetting it is lossless, as a new bucket
     * starts full.
     *
     * @param now the current time in nanoseconds
     * @return {@link #RETIRED_FULL} when retired now, else how long ago it was last used in nanoseconds
     */
    public synchronized long retireIfFull(long now) {
        if (retired) {
            return 0; // another sweep's: not this one to count
        }
        if (full - now <= 0) {
            retired = true;
            return RETIRED_FULL;
        }
        return now - lastNow;
    }

    /**
     * Retires the bucket if it is full at {@code now} or was last used at least {@code age}
     * nanoseconds before; a bucket that is not full loses its debt and partial refill.
     *
     * @param now the current time in nanoseconds
     * @param age the least age in nanoseconds that retires it
     * @return whether it was retired now
     */
    public synchronized boolean retireIfFullOrOlder(long now, long age) {
        if (retired || (full - now > 0 && now - lastNow < age)) {
            return false;
        }
        retired = true;
        return true;
    }

    /** {@code permits × nanosPerPermit} rounded up (a cost) or down (an allowance), capped at {@link #MAX_NANOS}. */
    private long nanos(long permits, boolean up) {
        double exact = permits * nanosPerPermit;
        double rounded = up ? Math.ceil(exact) : Math.floor(exact);
        return rounded >= MAX_NANOS ? MAX_NANOS : (long) rounded;
    }
}
