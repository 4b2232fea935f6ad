/**
 * What the Redis checkpoint store keeps to itself: the JSON of a checkpoint
 * ({@link dev.chunking.redis.checkpoint.internal.CheckpointJson}). Not API.
 */
package dev.chunking.redis.checkpoint.internal;
