package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.internal.BoundaryChunker;
import dev.chunking.strategy.internal.BoundaryLevels;
import java.util.List;

/**
 * {@code character}: windows of the max size that end at a paragraph break where one lies past the
 * min size, as LangChain's {@code CharacterTextSplitter} splits on blank lines: a chunk ends at the
 * latest paragraph boundary in its window, one where a heading starts (a line starting with
 * {@code #}, or underlined with {@code ===} or {@code ---}) first, else at the max size on a grapheme
 * cluster boundary (a cluster is split only when it alone exceeds the maximum). The rest of a
 * paragraph too long for one chunk ends its chunk, as in {@code recursive}; unlike it, no line,
 * sentence or word boundary is looked for. With the parameter {@code ends=max} every chunk but the
 * last holds the max size: a fixed window, the fastest strategy. Each next window starts the overlap
 * before the previous end (at a word boundary where one lies within it, with {@code ends=max} at a
 * grapheme boundary). Immutable and thread-safe.
 */
public final class CharacterStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "character";
    /** The {@code ends} parameter: where a chunk may end before the max size. */
    public static final ParameterDescriptor ENDS = ParameterDescriptor.choice("ends", "paragraph",
            "where a chunk ends: at the latest paragraph break past the min size (one before a heading first), else"
                    + " at the max size; or always at the max size (a fixed window)", "paragraph", "max");

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
        return "windows of the max size ending at the latest paragraph break past the min size (ends=max: fixed windows)";
    }

    @Override
    public List<ParameterDescriptor> parameterDescriptors() {
        return List.of(ENDS);
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
        BoundaryLevels levels = "max".equals(ENDS.value(options)) ? BoundaryLevels.GRAPHEMES : BoundaryLevels.PARAGRAPHS;
        return new BoundaryChunker(NAME, levels, document, options, tokenCounter, sink, from);
    }
}
