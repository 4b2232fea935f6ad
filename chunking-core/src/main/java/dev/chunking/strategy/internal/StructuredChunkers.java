package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.Embedder;
import dev.chunking.spi.TokenCounter;
import java.util.List;

/**
 * Opens the one-pass engine guided by a document structure, for the structure-aware strategies
 * of the {@code strategy} package. Stateless.
 */
public final class StructuredChunkers {
    /** The {@code front-matter} parameter. */
    public static final String FRONT_MATTER = "front-matter";
    /** The {@code embedder} parameter: the name of the embedder. */
    public static final String EMBEDDER = "embedder";
    /** The {@code threshold} parameter: the percentile a distance must reach to break, 1 to 99. */
    public static final String THRESHOLD = "threshold";
    /** The {@code window} parameter: how many recent distances the percentile is over. */
    public static final String WINDOW = "window";
    /** The {@code batch-size} parameter: sentences per embedding call. */
    public static final String BATCH_SIZE = "batch-size";
    /** The semantic parameters. */
    public static final java.util.Set<String> SEMANTIC_PARAMETERS = java.util.Set.of(EMBEDDER, THRESHOLD, WINDOW, BATCH_SIZE);

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
        ChunkSink target = frontMatter(options).equals("skip") ? skippingFrontMatter(sink) : sink;
        return new BoundaryChunker(strategy, document, options, counter, target, new MarkdownStructure(true, sections));
    }

    /**
     * Opens a chunker that breaks where the meaning shifts.
     *
     * @param strategy the name stamped on chunks
     * @param document the document id
     * @param options sizes, unit and the semantic parameters
     * @param counter the token counter
     * @param sink receives the chunks
     * @param embedder the embedder
     * @return a new chunker
     */
    public static Chunker semantic(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter,
                                   ChunkSink sink, Embedder embedder) {
        return new BoundaryChunker(strategy, document, options, counter, sink, semanticStructure(options, embedder));
    }

    /**
     * Opens a chunker that keeps Markdown sections whole where they fit and splits the others
     * at meaning shifts (with an embedder) or as {@code recursive} does.
     *
     * @param strategy the name stamped on chunks
     * @param document the document id
     * @param options sizes, unit, {@code front-matter} and the semantic parameters
     * @param counter the token counter
     * @param sink receives the chunks
     * @param embedder the embedder, or null to split oversized sections without one
     * @return a new chunker
     */
    public static Chunker hybrid(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter,
                                 ChunkSink sink, Embedder embedder) {
        String frontMatter = frontMatter(options);
        ChunkSink target = frontMatter.equals("skip") ? skippingFrontMatter(sink) : sink;
        SemanticStructure semantic = embedder != null ? semanticStructure(options, embedder) : null;
        if (semantic == null) {
            for (String name : List.of(THRESHOLD, WINDOW, BATCH_SIZE)) {
                if (options.parameter(name).isPresent()) {
                    throw new InvalidOptionsException("parameter " + name + " has no effect without an embedder; set one"
                            + " (--embedder lexical) or leave --" + name + " out");
                }
            }
        }
        return new BoundaryChunker(strategy, document, options, counter, target,
                new HybridStructure(new MarkdownStructure(true, true), semantic));
    }

    private static String frontMatter(ChunkingOptions options) {
        String frontMatter = options.parameter(FRONT_MATTER).orElse("chunk");
        if (!frontMatter.equals("chunk") && !frontMatter.equals("skip")) {
            throw new InvalidOptionsException("parameter front-matter is '" + frontMatter + "'; use chunk or skip (--front-matter)");
        }
        return frontMatter;
    }

    static SemanticStructure semanticStructure(ChunkingOptions options, Embedder embedder) {
        int threshold = number(options, THRESHOLD, 95, 1, 99);
        int window = number(options, WINDOW, 64, SemanticStructure.MIN_SAMPLES, RollingPercentile.LIMIT_WINDOW);
        int batch = number(options, BATCH_SIZE, 32, 1, 4096);
        return new SemanticStructure(embedder, batch, threshold, window, 0);
    }

    private static int number(ChunkingOptions options, String name, int defaultValue, int min, int max) {
        String value = options.parameter(name).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidOptionsException("parameter " + name + " is '" + value + "'; give a whole number from " + min + " to "
                + max + " (--" + name + ", default " + defaultValue + ")");
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
