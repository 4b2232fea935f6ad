package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.internal.StructuredChunkers;
import java.util.List;

/**
 * {@code markdown}: packs as much text as fits, preferring to cut before a heading, then
 * between blocks (paragraphs, fenced and indented code, tables, list items, block quotes, HTML
 * blocks), then as {@code recursive} does inside a block; so a code block, a table or a list
 * item stays whole when it fits, and one larger than the max is split between lines (a table
 * between rows). Each chunk carries the heading path in force at its start
 * ({@code metadata().headings()}, outermost first, top-level ATX and setext headings as
 * CommonMark reads them, never a {@code #} line inside code) and the innermost heading's level
 * ({@code metadata().level()}, 0 before the first heading). A chunk that starts inside a table
 * after its delimiter row carries the header and delimiter rows as the attribute
 * {@code tableHeader}; the text itself stays an exact slice.
 *
 * <p>YAML front matter at the top ({@code ---} … {@code ---} or {@code ...}) is a chunk of its
 * own, with attribute {@code block=front-matter}, never mixed with body text; with the
 * parameter {@code front-matter=skip} it is left out (the one documented gap in coverage). No
 * overlap reaches back into front matter. Chunkers resume from a checkpoint: the resume point's
 * state carries the open containers, the heading path and the held chunk. Immutable and thread-safe.
 */
public final class MarkdownStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "markdown";

    /** Creates the strategy; called by {@link java.util.ServiceLoader}. */
    public MarkdownStrategy() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Markdown-aware: cuts before headings, then between blocks; heading path on every chunk";
    }

    @Override
    public List<ParameterDescriptor> parameterDescriptors() {
        return List.of(StructuredChunkers.FRONT_MATTER);
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
        return StructuredChunkers.markdown(NAME, false, document, options, tokenCounter, sink, from);
    }
}
