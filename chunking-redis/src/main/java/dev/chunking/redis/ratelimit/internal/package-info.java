/**
 * How the Redis rate limiter talks to Redis: the bucket's Lua script, loaded once and run by its
 * digest ({@link dev.chunking.redis.ratelimit.internal.BucketScript}), and the state of an outage
 * ({@link dev.chunking.redis.ratelimit.internal.Outage}). Not API.
 */
package dev.chunking.redis.ratelimit.internal;
