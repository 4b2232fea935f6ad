/**
 * What plugins and adapters implement and the library calls: the plugin interfaces found by name
 * through {@link java.util.ServiceLoader} ({@link ChunkingStrategy}, which opens a stateful
 * {@link Chunker} per document; {@link TokenCounter}; {@link Embedder}) and the ports a host or
 * an adapter supplies ({@link DocumentSource}, {@link ChunkSink}, {@link CheckpointStore},
 * {@link ProgressListener}, {@link RateLimiter}). Its types speak in the values of
 * {@code dev.chunking.domain} only, so a plugin compiles against these two packages alone (the
 * architecture test checks it). API, exported: a change here is a change for every plugin and
 * adapter.
 */
package dev.chunking.spi;
