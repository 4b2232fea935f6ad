/**
 * What the Redis features share and users do not: the names of every key under the prefix
 * ({@link dev.chunking.redis.internal.KeySpace}). Not API.
 */
package dev.chunking.redis.internal;
