package dev.chunking.redis.ratelimit;

/**
 * What a {@link RedisRateLimiter} answers while Redis cannot be reached (connection refused or
 * lost, a command timed out, the server answered with an error). An outage is logged once, at
 * WARN, when it starts, and once, at INFO, when Redis answers again.
 */
public enum OnRedisFailure {
    /** Grants every request: the limit is lifted for as long as Redis is away. */
    FAIL_OPEN,
    /**
     * Grants nothing: every request is told to wait the limiter's retry interval, so the operations
     * of every instance pause until Redis is back.
     */
    FAIL_CLOSED,
    /**
     * Limits each instance on its own with the same limits, in memory (a {@code TokenBucketRateLimiter}):
     * work goes on, each instance at most at the configured rate, so {@code N} instances together at
     * most {@code N} times it. The default.
     */
    FALL_BACK_TO_LOCAL
}
