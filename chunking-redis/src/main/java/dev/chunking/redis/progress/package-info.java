/**
 * Progress of chunking operations shared through Redis, so any instance can follow an operation
 * that runs on another: {@link dev.chunking.redis.progress.RedisProgressPublisher} (a
 * {@code ProgressListener} that publishes every event, keeps a capped replay stream and the last
 * state, never slowing chunking), {@link dev.chunking.redis.progress.RedisOperationStates} (an
 * operation's last state by id) and {@link dev.chunking.redis.progress.ProgressSubscriber} (the
 * state first, then every event once, in order, across reconnections). API.
 */
package dev.chunking.redis.progress;
