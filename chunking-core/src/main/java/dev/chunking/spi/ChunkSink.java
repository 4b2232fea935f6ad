package dev.chunking.spi;

import dev.chunking.domain.Chunk;

/**
 * Receives chunks as soon as a chunker knows they are final, in index order. A sink decides
 * what "stored" means (a list, a file, a database); durable sinks are idempotent on
 * (collection, document, chunk index). A sink is called from the thread that feeds the chunker.
 */
@FunctionalInterface
public interface ChunkSink {
    /**
     * Accepts one chunk. An exception thrown here reaches the caller of {@code feed} or
     * {@code finish} unchanged, and the chunker refuses all further input, so no chunk index is
     * ever skipped or reused.
     *
     * @param chunk the next chunk, never null
     */
    void accept(Chunk chunk);
}
