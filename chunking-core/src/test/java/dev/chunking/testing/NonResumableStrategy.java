package dev.chunking.testing;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.RecursiveStrategy;

/**
 * A plugin strategy that keeps {@link ChunkingStrategy}'s defaults for resuming, as a plugin
 * written without checkpoints in mind does: it cuts as {@code recursive} but reports no resume
 * points, so runs with a checkpoint store must refuse it up front. Every built-in strategy
 * resumes, so tests of that refusal use this one. Immutable and thread-safe.
 */
public final class NonResumableStrategy implements ChunkingStrategy {
    /** The name it registers under. */
    public static final String NAME = "plain";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "recursive, without resume points";
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink) {
        return new RecursiveStrategy().open(document, options, counter, sink);
    }
}
