/**
 * One rate limit shared by every instance of a host: {@link dev.chunking.redis.ratelimit.RedisRateLimiter},
 * a {@code dev.chunking.spi.RateLimiter} whose token buckets live in Redis, each updated by one
 * atomic Lua script on Redis's own clock, with an explicit {@link dev.chunking.redis.ratelimit.OnRedisFailure}
 * for when Redis cannot be reached. API.
 */
package dev.chunking.redis.ratelimit;
