package org.example.chunking;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.ResumeUnsupportedException;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;

/**
 * {@code lines}: packs whole lines (each ending after its {@code \n}) into chunks of up to the
 * maximum size, for logs, CSV, JSON lines and code, where a record must not be cut. A line longer
 * than the maximum on its own is cut by the library's {@code character} strategy, on grapheme
 * cluster boundaries. Chunks never overlap (the overlap and min size options are not used), and
 * runs with it cannot be checkpointed. An example of a third-party plugin: it uses the library's
 * public API only and is registered through {@code META-INF/services} and {@code module-info}.
 * Immutable and thread-safe.
 */
public final class LinesStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "lines";

    /** Creates the strategy; called by {@link java.util.ServiceLoader}. */
    public LinesStrategy() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "whole lines packed up to the max size; a longer line is cut on grapheme boundaries (example plugin)";
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
        return resume(document, options, tokenCounter, sink, ResumePoint.START);
    }

    /**
     * Opens a chunker at the start of a document, or after a prefix the chunks leave out (such as
     * a byte order mark); other resume points are refused, as this strategy keeps no checkpoints.
     *
     * @param document the document being chunked
     * @param options sizes and unit
     * @param tokenCounter counter used when the unit is tokens
     * @param sink receives the chunks
     * @param from {@link ResumePoint#START} or {@link ResumePoint#after}
     * @return a new chunker
     * @throws ResumeUnsupportedException for any other resume point
     */
    @Override
    public Chunker resume(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink,
                          ResumePoint from) {
        if (!from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            throw new ResumeUnsupportedException("strategy '" + NAME + "' cannot resume from a checkpoint;"
                    + " delete the checkpoint and start over");
        }
        return new LinesChunker(document, options, tokenCounter, sink, from);
    }
}
