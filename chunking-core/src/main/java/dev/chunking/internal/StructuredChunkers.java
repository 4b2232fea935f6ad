package dev.chunking.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.TokenCounter;

/**
 * Opens the one-pass engine guided by a document structure, for the structure-aware strategies
 * of the {@code strategy} package. Stateless.
 */
public final class StructuredChunkers {
    /** The {@code front-matter} parameter. */
    public static final String FRONT_MATTER = "front-matter";

    private StructuredChunkers() {
    }

    /**
     * Opens a Markdown-aware chunker.
     *
     * @param strategy the name stamped on chunks
     * @param sections whether every heading starts a new chunk (hybrid) rather than only being preferred
     * @param document the document id
     * @param options sizes, unit and the {@code front-matter} parameter
     * @param counter the token counter
     * @param sink receives the chunks
     * @return a new chunker
     */
    public static Chunker markdown(String strategy, boolean sections, DocumentId document, ChunkingOptions options,
                                   TokenCounter counter, ChunkSink sink) {
        String frontMatter = options.parameter(FRONT_MATTER).orElse("chunk");
        if (!frontMatter.equals("chunk") && !frontMatter.equals("skip")) {
            throw new InvalidOptionsException("parameter front-matter is '" + frontMatter + "'; use chunk or skip (--front-matter)");
        }
        ChunkSink target = frontMatter.equals("skip") ? skippingFrontMatter(sink) : sink;
        return new BoundaryChunker(strategy, document, options, counter, target, new MarkdownStructure(true, sections));
    }

    /** Drops the front matter's chunks and numbers the others from 0. */
    private static ChunkSink skippingFrontMatter(ChunkSink sink) {
        long[] dropped = {0};
        return c -> {
            if ("front-matter".equals(c.metadata().attributes().get("block"))) {
                dropped[0]++;
                return;
            }
            sink.accept(dropped[0] == 0 ? c : new Chunk(c.document(), c.index() - dropped[0], c.content(), c.start(), c.end(),
                    c.byteStart(), c.byteEnd(), c.size(), c.unit(), c.strategy(), c.metadata(), c.replacements()));
        };
    }
}
