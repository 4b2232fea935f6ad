/**
 * What the Redis features share and users do not: the names of every key under the prefix
 * ({@link dev.chunking.redis.internal.KeySpace}), and the server's URI without its password for
 * messages and logs ({@link dev.chunking.redis.internal.RedactedUri}). Not API.
 */
package dev.chunking.redis.internal;
