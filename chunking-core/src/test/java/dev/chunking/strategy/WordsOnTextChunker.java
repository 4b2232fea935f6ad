package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;

/**
 * A test strategy on {@link TextChunker}, as small as a plugin's can be: one word a chunk (cut
 * before each space), a word too long for one chunk cut where {@code character} cuts.
 */
final class WordsOnTextChunker implements ChunkingStrategy {
    static final String NAME = "words";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one word a chunk (test)";
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
        return new TextChunker(NAME, document, options, tokenCounter, sink, ResumePoint.START) {
            @Override
            protected int cut(CharSequence pending, boolean end) {
                int space = 1;
                while (space < pending.length() && pending.charAt(space) != ' ') {
                    space++;
                }
                int word = space < pending.length() ? space : end ? pending.length() : -1;
                if (word > 0 && size(pending.subSequence(0, word)) <= options().maxSize()) {
                    return word;
                }
                return word > 0 || size(pending) > options().maxSize() ? longestFit(pending) : 0;
            }
        };
    }
}
