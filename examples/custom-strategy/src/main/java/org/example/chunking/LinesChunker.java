package org.example.chunking;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.TextChunker;

/**
 * The chunker of {@link LinesStrategy}: whole lines (each ending after its {@code \n}) while the
 * sum fits the maximum; a line too long on its own is cut where the {@code character} strategy with {@code ends=max}
 * cuts, on grapheme cluster boundaries, and its last piece goes alone; at most {@code max-lines}
 * lines a chunk. The library's
 * {@link TextChunker} decodes the input, tracks the offsets and makes the chunks; this class only
 * says where each chunk ends. Not thread-safe.
 */
final class LinesChunker extends TextChunker {
    private final int maxLines;
    private boolean inLongLine; // the pending text starts inside a line too long for one chunk

    LinesChunker(DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink, ResumePoint from,
                 int maxLines) {
        super(LinesStrategy.NAME, document, options, counter, sink, from);
        this.maxLines = maxLines == 0 ? Integer.MAX_VALUE : maxLines;
    }

    @Override
    protected int cut(CharSequence pending, boolean end) {
        int taken = 0; // chars of the whole lines that fit so far
        for (int lines = 1; ; lines++) {
            int next = lineEnd(pending, taken, end);
            if (size(pending.subSequence(0, next < 0 ? pending.length() : next)) > options().maxSize()) {
                if (taken > 0) {
                    return taken; // the next line does not fit: the lines before it make the chunk
                }
                inLongLine = true; // the first line alone is too long: cut it
                return longestFit(pending);
            }
            if (next < 0 || next == pending.length() && !end) {
                return 0; // the line may go on, or the next one may still fit: wait
            }
            taken = next;
            if (inLongLine || taken == pending.length() || lines == maxLines) {
                inLongLine = false; // the last piece of a long line goes alone
                return taken;
            }
        }
    }

    /** The index after the line that starts at {@code from}: after its {@code \n}, or -1 when it may go on. */
    private static int lineEnd(CharSequence text, int from, boolean end) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return end ? text.length() : -1;
    }
}
