package org.example.chunking;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.ResumeUnsupportedException;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import java.util.List;

/**
 * {@code lines}: packs whole lines (each ending after its {@code \n}) into chunks of up to the
 * maximum size, for logs, CSV, JSON lines and code, where a record must not be cut. A line longer
 * than the maximum on its own is cut by the library's {@code character} strategy ({@code ends=max}), on grapheme
 * cluster boundaries. Chunks never overlap (the overlap and min size options are not used), and
 * runs with it cannot be checkpointed. The parameter {@code max-lines} caps the lines of a chunk.
 * An example of a third-party plugin: it uses the library's
 * public API only and is registered through {@code META-INF/services} and {@code module-info}.
 * Immutable and thread-safe.
 */
public final class LinesStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "lines";

    /** At most this many lines in a chunk; 0 for no limit but the size. */
    static final ParameterDescriptor MAX_LINES = ParameterDescriptor.integer("max-lines", 0, 0, 1_000_000,
            "at most this many lines in a chunk (0: as many as fit)");

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
    public List<ParameterDescriptor> parameterDescriptors() {
        return List.of(MAX_LINES); // the library checks the type and range; open checks the rest
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
     * @throws InvalidOptionsException if {@code max-lines} is more than the max size allows (each
     *     line takes at least one code point or token), so that the command exits with status 2
     */
    @Override
    public Chunker resume(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink,
                          ResumePoint from) {
        if (!from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            throw new ResumeUnsupportedException("strategy '" + NAME + "' cannot resume from a checkpoint;"
                    + " delete the checkpoint and start over");
        }
        int maxLines = MAX_LINES.intValue(options);
        if (maxLines > options.maxSize()) { // a check of the plugin's own: InvalidOptionsException, not IllegalArgumentException
            throw new InvalidOptionsException("parameter max-lines is " + maxLines + ", more lines than a chunk of max size "
                    + options.maxSize() + " can hold (each takes at least 1); give at most " + options.maxSize()
                    + " (--max-lines) or raise the size (--size)");
        }
        return new LinesChunker(document, options, tokenCounter, sink, from, maxLines);
    }
}
