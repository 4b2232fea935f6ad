package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.internal.BoundaryChunker;

/**
 * {@code character}: fixed windows of the maximum size, each next window starting the
 * configured overlap before the previous end, with every boundary on a grapheme cluster
 * boundary (a cluster is split only when it alone exceeds the maximum). Immutable and thread-safe.
 */
public final class CharacterStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "character";

    /** Creates the strategy; called by {@link java.util.ServiceLoader}. */
    public CharacterStrategy() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "fixed-size windows on grapheme cluster boundaries, with overlap";
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
        return resume(document, options, tokenCounter, sink, ResumePoint.START);
    }

    @Override
    public Chunker resume(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink,
                          ResumePoint from) {
        return new BoundaryChunker(NAME, false, document, options, tokenCounter, sink, from);
    }
}
