package dev.chunking.spi;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;

/**
 * A way of cutting documents into chunks, found by its {@link #name()} through
 * {@link java.util.ServiceLoader}. A plugin jar registers an implementation in
 * {@code META-INF/services/dev.chunking.spi.ChunkingStrategy} (and {@code provides} in its
 * {@code module-info}) to add a strategy without touching the library. Implementations are
 * immutable and thread-safe; each {@link #open} call returns an independent chunker.
 */
public interface ChunkingStrategy {
    /**
     * Returns the stable name used to select the strategy, such as {@code "recursive"}.
     *
     * @return lower-case name without spaces
     */
    String name();

    /**
     * Returns a one-line description for listings such as {@code chunk strategies}.
     *
     * @return a short sentence
     */
    String description();

    /**
     * Opens a chunker for one document.
     *
     * @param document the document being chunked; copied into every chunk
     * @param options sizes and unit
     * @param tokenCounter counter used when the unit is tokens
     * @param sink receives the chunks in order
     * @return a new chunker
     */
    Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink);
}
