package dev.chunking.benchmarks;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.TextChunker;

/**
 * A plugin strategy as a third party writes it, for {@link PluginCheckBenchmark}: the
 * {@code lines} example (examples/custom-strategy) on {@link TextChunker}, whole lines packed up
 * to the max size, a longer line cut on grapheme boundaries. Outside {@code dev.chunking.strategy},
 * so {@code Chunking} checks its chunks. Immutable and thread-safe.
 */
public final class LinesPlugin implements ChunkingStrategy {
    /** Creates the strategy. */
    public LinesPlugin() {
        // stateless
    }

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public String description() {
        return "whole lines packed up to the max size (benchmark copy of the example plugin)";
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
        return new TextChunker("lines", document, options, tokenCounter, sink, ResumePoint.START) {
            private boolean inLongLine;

            @Override
            protected int cut(CharSequence pending, boolean end) {
                int taken = 0;
                while (true) {
                    int next = lineEnd(pending, taken, end);
                    if (size(pending.subSequence(0, next < 0 ? pending.length() : next)) > options().maxSize()) {
                        if (taken > 0) {
                            return taken;
                        }
                        inLongLine = true;
                        return longestFit(pending);
                    }
                    if (next < 0 || next == pending.length() && !end) {
                        return 0;
                    }
                    taken = next;
                    if (inLongLine || taken == pending.length()) {
                        inLongLine = false;
                        return taken;
                    }
                }
            }
        };
    }

    private static int lineEnd(CharSequence text, int from, boolean end) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return end ? text.length() : -1;
    }
}
