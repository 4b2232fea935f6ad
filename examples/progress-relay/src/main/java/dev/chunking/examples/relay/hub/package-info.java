/**
 * The fan-out of one relay instance: {@link dev.chunking.examples.relay.hub.Hub} hears every
 * operation of the relay's collection from Redis, keeps each one's recent events, and brings every
 * connected client that follows an operation up to date with it, exactly once and in order, from
 * wherever the client says it stands (a reconnecting client names the last event it saw).
 */
package dev.chunking.examples.relay.hub;
