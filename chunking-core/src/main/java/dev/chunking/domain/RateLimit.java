package dev.chunking.domain;

/**
 * A token-bucket rate: a bucket of {@code burst} permits, full at first, refilled continuously at
 * {@code permitsPerSecond} up to {@code burst}. Over any stretch of time a key of this limit is
 * granted at most {@code burst + permitsPerSecond × seconds} permits (plus, with a limiter that
 * lets one request go into debt, that request's excess over the burst). The unit of a permit is
 * the caller's: operations take one permit per byte read, so {@code RateLimit.perSecond(1 << 20,
 * 256 << 10)} is 1 MiB/s with bursts of 256 KiB. Immutable and thread-safe.
 *
 * @param permitsPerSecond the refill rate in permits per second: finite and above 0 (it may be fractional, e.g. 0.5
 *     for one permit every two seconds)
 * @param burst the bucket's capacity in permits, at least 1: the most granted at once after a quiet spell
 */
public record RateLimit(double permitsPerSecond, long burst) {
    /**
     * Validates the rate and the burst.
     *
     * @throws InvalidOptionsException if the rate is not a finite number above 0 or the burst is below 1
     */
    public RateLimit {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new InvalidOptionsException("rate " + permitsPerSecond + " permits per second is not a finite number above 0;"
                    + " set permitsPerSecond above 0");
        }
        if (burst < 1) {
            throw new InvalidOptionsException("burst " + burst + " permits is below the minimum of 1; set burst (the bucket's"
                    + " capacity) to at least 1");
        }
    }

    /**
     * Creates a rate limit.
     *
     * @param permitsPerSecond the refill rate in permits per second, finite and above 0
     * @param burst the bucket's capacity in permits, at least 1
     * @return the limit
     * @throws InvalidOptionsException if a value is out of range
     */
    public static RateLimit perSecond(double permitsPerSecond, long burst) {
        return new RateLimit(permitsPerSecond, burst);
    }

    @Override
    public String toString() {
        return permitsPerSecond + " permits/s, burst " + burst;
    }
}
