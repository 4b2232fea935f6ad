/**
 * The relay's load test: {@link dev.chunking.examples.relay.load.LoadMain} starts relay instances
 * as processes of their own, {@link dev.chunking.examples.relay.load.LoadClients} opens thousands of
 * WebSocket clients over them with Jetty's client, and {@link dev.chunking.examples.relay.load.LoadRun}
 * runs operations while every client checks that it receives each event of its operation once, in
 * order, and how late; the figures come back as a {@link dev.chunking.examples.relay.load.LoadReport}.
 */
package dev.chunking.examples.relay.load;
