/**
 * The settings of one relay instance ({@link dev.chunking.examples.relay.config.RelaySettings}),
 * shared by its web face, its hub and its runs.
 */
package dev.chunking.examples.relay.config;
