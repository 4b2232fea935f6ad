package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.internal.BoundaryChunker;
import dev.chunking.strategy.internal.BoundaryLevels;

/**
 * {@code recursive}: packs as much text as fits, ending each chunk at the strongest boundary
 * inside the size window, in this order of preference: a blank line where a heading starts (a line
 * starting with {@code #}, or underlined with {@code ===} or {@code ---}), any blank line (paragraph),
 * a line break, a sentence end, whitespace, a grapheme cluster boundary. A paragraph too long for one chunk is
 * cut apart from its neighbours: the chunk that holds its rest ends where it ends (the first
 * paragraph boundary past the min size), so the next chunk starts where the next paragraph does
 * (its overlap aside).
 * Separators stay with the chunk they end, so chunks abut with no gap. The overlap starts at a word boundary where one lies within
 * the overlap, else at a grapheme boundary. One pass, no re-splitting of substrings.
 * Immutable and thread-safe.
 */
public final class RecursiveStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "recursive";

    /** Creates the strategy; called by {@link java.util.ServiceLoader}. */
    public RecursiveStrategy() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "paragraphs, then lines, sentences, words, graphemes: the strongest break that fits";
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
        return new BoundaryChunker(NAME, BoundaryLevels.ALL, document, options, tokenCounter, sink, from);
    }
}
