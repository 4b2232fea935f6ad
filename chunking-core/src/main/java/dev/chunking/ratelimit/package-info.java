/**
 * The rate limiter of one process: {@link TokenBucketRateLimiter}, a
 * {@code dev.chunking.spi.RateLimiter} with a limit per key and one {@link TokenBucket} per key
 * (kept as the time it is full again, as GCRA does), tracking a bounded number of keys. A shared
 * limiter across processes is an adapter's, behind the same port. API, exported.
 */
package dev.chunking.ratelimit;
