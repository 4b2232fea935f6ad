/**
 * The relay's web face on Jetty 12 (its own handlers, no servlet container): the page and its
 * JSON API ({@link dev.chunking.examples.relay.web.RelayHandler}), and one WebSocket endpoint per
 * connection ({@link dev.chunking.examples.relay.web.ClientSocket}) with a bounded send queue,
 * pings, an origin check and a message-size limit.
 */
package dev.chunking.examples.relay.web;
