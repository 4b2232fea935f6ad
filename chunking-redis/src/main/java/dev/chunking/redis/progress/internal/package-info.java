/**
 * The helpers of the Redis progress feature: the JSON of events and states, the publishing
 * script, the client options and the per-operation bookkeeping of a subscriber. Not API.
 */
package dev.chunking.redis.progress.internal;
