/**
 * The work of one relay instance: {@link dev.chunking.examples.relay.run.Runs} chunks named files
 * (through the path guard) and uploads with the library's operation service, publishes their
 * progress through Redis, keeps a preview of each one's first chunks in Redis for every instance to
 * serve, and cancels an operation on whichever instance runs it.
 */
package dev.chunking.examples.relay.run;
