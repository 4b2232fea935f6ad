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
     * Accepts one chunk. An exception thrown here stops the chunker and reaches the caller of
     * {@code feed} or {@code finish} unchanged.
     *
     * @param chunk the next chunk, never null
     */
    void accept(Chunk chunk);
}
