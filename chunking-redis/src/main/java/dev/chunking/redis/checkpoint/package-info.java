/**
 * Checkpoints any machine can resume from:
 * {@link dev.chunking.redis.checkpoint.RedisCheckpointStore}, a
 * {@link dev.chunking.spi.CheckpointStore} that keeps each (collection, document) pair's checkpoint
 * as one JSON string under the key prefix, replaced atomically by each save and expiring after
 * {@link dev.chunking.redis.RedisSettings#checkpointTtl()} without a new one. API.
 */
package dev.chunking.redis.checkpoint;
