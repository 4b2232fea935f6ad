/**
 * A host application of the library: a relay server that chunks documents with the operation
 * service, publishes their progress through Redis, and relays every operation's events to the
 * browsers connected to any of its instances over WebSockets. {@link dev.chunking.examples.relay.RelayServer}
 * is one instance; {@link dev.chunking.examples.relay.RelayMain} starts one from the command line.
 */
package dev.chunking.examples.relay;
