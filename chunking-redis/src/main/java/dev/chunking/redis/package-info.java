/**
 * Redis adapters for hosts that run on several instances: {@link dev.chunking.redis.RedisSettings}
 * (the server, the key prefix and the lifetimes of keys) shared by the features in the
 * sub-packages. API.
 */
package dev.chunking.redis;
