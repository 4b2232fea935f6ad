package dev.chunking.strategy.internal;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.Embedder;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import java.util.List;

/**
 * Opens the one-pass engine guided by a document structure, for the structure-aware strategies
 * of the {@code strategy} package. Stateless.
 */
public final class StructuredChunkers {
    /** The {@code front-matter} parameter of {@code markdown} and {@code hybrid}. */
    public static final ParameterDescriptor FRONT_MATTER = ParameterDescriptor.choice("front-matter", "chunk",
            "YAML front matter at the top: a chunk of its own, or left out", "chunk", "skip");
    /** The {@code embedder} parameter of {@code semantic}: the embedder comparing sentences. */
    public static final ParameterDescriptor SEMANTIC_EMBEDDER = ParameterDescriptor.plugin("embedder", "lexical",
            "embedder comparing sentences");
    /** The {@code embedder} parameter of {@code hybrid}: without one, no meaning shifts are looked for. */
    public static final ParameterDescriptor HYBRID_EMBEDDER = ParameterDescriptor.plugin("embedder", "",
            "embedder splitting oversized sections by meaning; without one they are split as recursive splits");
    /** The {@code threshold} parameter: the percentile a distance must reach to break. */
    public static final ParameterDescriptor THRESHOLD = ParameterDescriptor.integer("threshold", 95, 1, 99,
            "break where a distance is above this percentile of the recent ones");
    /** The {@code window} parameter: how many recent distances the percentile is over. */
    public static final ParameterDescriptor WINDOW = ParameterDescriptor.integer("window", 64, SemanticStructure.MIN_SAMPLES,
            RollingPercentile.LIMIT_WINDOW, "recent distances the percentile is taken over");
    /** The {@code batch-size} parameter: sentences per embedding call. */
    public static final ParameterDescriptor BATCH_SIZE = ParameterDescriptor.integer("batch-size", 32, 1, 4096,
            "sentences per call to the embedder");
    /** The parameters of {@code semantic}. */
    public static final List<ParameterDescriptor> SEMANTIC_PARAMETERS = List.of(SEMANTIC_EMBEDDER, THRESHOLD, WINDOW, BATCH_SIZE);
    /** The parameters of {@code hybrid}. */
    public static final List<ParameterDescriptor> HYBRID_PARAMETERS = List.of(FRONT_MATTER, HYBRID_EMBEDDER, THRESHOLD, WINDOW,
            BATCH_SIZE);

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
     * @param from {@link ResumePoint#START}, a fresh start after a prefix, or a point an earlier chunker reported
     * @return a new chunker
     */
    public static Chunker markdown(String strategy, boolean sections, DocumentId document, ChunkingOptions options,
                                   TokenCounter counter, ChunkSink sink, ResumePoint from) {
        return new BoundaryChunker(strategy, document, options, counter, sink, new MarkdownStructure(true, sections, from.byteOffset()),
                skipsFrontMatter(options), from);
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
     * @param from {@link ResumePoint#START}, a fresh start after a prefix, or a point an earlier chunker reported
     * @return a new chunker
     */
    public static Chunker semantic(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter,
                                   ChunkSink sink, Embedder embedder, ResumePoint from) {
        return new BoundaryChunker(strategy, document, options, counter, sink, semanticStructure(options, embedder, from), false,
                from);
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
     * @param from {@link ResumePoint#START}, a fresh start after a prefix, or a point an earlier chunker reported
     * @return a new chunker
     */
    public static Chunker hybrid(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter,
                                 ChunkSink sink, Embedder embedder, ResumePoint from) {
        SemanticStructure semantic = embedder != null ? semanticStructure(options, embedder, from) : null;
        if (semantic == null) {
            for (ParameterDescriptor parameter : List.of(THRESHOLD, WINDOW, BATCH_SIZE)) {
                if (options.parameter(parameter.name()).isPresent()) {
                    throw new InvalidOptionsException("parameter " + parameter.name() + " has no effect without an embedder;"
                            + " set one (--embedder lexical) or leave --" + parameter.name() + " out");
                }
            }
        }
        return new BoundaryChunker(strategy, document, options, counter, sink,
                new HybridStructure(new MarkdownStructure(true, true, from.byteOffset()), semantic), skipsFrontMatter(options), from);
    }

    private static boolean skipsFrontMatter(ChunkingOptions options) {
        return FRONT_MATTER.value(options).equals("skip");
    }

    private static SemanticStructure semanticStructure(ChunkingOptions options, Embedder embedder, ResumePoint from) {
        int threshold = THRESHOLD.intValue(options);
        int window = WINDOW.intValue(options);
        int batch = BATCH_SIZE.intValue(options);
        return new SemanticStructure(embedder, batch, threshold, window, from.byteOffset());
    }
}
