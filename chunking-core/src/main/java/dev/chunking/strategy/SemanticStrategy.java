package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.Embedder;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.PluginLookup;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.internal.StructuredChunkers;
import java.util.List;
import java.util.Objects;

/**
 * {@code semantic}: breaks where the meaning shifts. Sentences (Unicode-aware rules: CJK full
 * stops, abbreviations, decimals and URLs do not break wrongly) are embedded in batches
 * through an {@link Embedder}; the boundary before a sentence is a breakpoint when the cosine
 * distance between the two sentences before it and the two from it on is at or above the
 * {@code threshold} percentile (default 95) of the last {@code window} distances (default 64),
 * so the rule adapts as it streams. The max size stays a hard limit: a group larger than it is
 * cut at the strongest break inside the window (a blank line, a line break, a sentence end,
 * whitespace); a group under the min size merges with the next one. The overlap never reaches
 * back across a meaning shift. With an overlap, a group that ends at a shift and is longer than the
 * max size minus the overlap (the stride) gets a second chunk, from the first word past the stride
 * (where a window sliding by the stride would start) to the shift, and its first chunk ends at the
 * latest sentence, line or paragraph end past that word (else its latest word); so the end of a
 * topic starts a chunk of its own, and an embedder that reads only the start of a chunk (as
 * sentence models do past their sequence length) reads it too. The second chunk is at most about
 * the overlap long (exactly, in code points) and must reach the min size, so this needs an overlap
 * of at least the min size (the defaults, a fifth and a quarter of the max size, leave it out).
 *
 * <p>Parameters: {@code embedder} (the name of an embedder, found when a chunker opens in the
 * registry the strategy came from ({@link #withPlugins}); default the offline, lexical
 * {@code lexical}, the only one a strategy used without a registry knows), {@code threshold}
 * (1 to 99), {@code window} (8 to 65536), {@code batch-size} (sentences per embedding call, 1
 * to 4096, default 32). A real neural model plugs in as an {@code Embedder} plugin, or directly
 * through {@link #SemanticStrategy(Embedder)}. An embedder failure surfaces as a
 * {@link dev.chunking.domain.ChunkingException} naming the batch's byte range. Chunkers of this
 * strategy resume from a checkpoint: the resume point's state carries the recent distances,
 * the pending sentences and their vectors, so the embedder is not asked again for them.
 * Immutable and thread-safe when the embedder is.
 */
public final class SemanticStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "semantic";

    private final Embedder embedder; // null: by name from the options, through plugins
    private final PluginLookup plugins;

    /**
     * Creates the strategy, which finds its embedder by name among the built-in ones until it is
     * given a registry ({@link #withPlugins}); called by {@link java.util.ServiceLoader}.
     */
    public SemanticStrategy() {
        this.embedder = null;
        this.plugins = BuiltInPlugins.INSTANCE;
    }

    private SemanticStrategy(PluginLookup plugins) {
        this.embedder = null;
        this.plugins = plugins;
    }

    /**
     * Creates the strategy with a given embedder, such as an adapter to a neural model; the
     * {@code embedder} parameter is then not read.
     *
     * @param embedder the embedder
     */
    public SemanticStrategy(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.plugins = BuiltInPlugins.INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "breaks where sentence embeddings shift (percentile of recent distances); max size stays a hard limit";
    }

    @Override
    public List<ParameterDescriptor> parameterDescriptors() {
        return StructuredChunkers.SEMANTIC_PARAMETERS;
    }

    /**
     * Returns this strategy finding the embedder its {@code embedder} parameter names in a
     * lookup; a strategy made with a given embedder stays as it is.
     *
     * @param lookup where to find the embedder
     * @return a strategy using {@code lookup}
     */
    @Override
    public ChunkingStrategy withPlugins(PluginLookup lookup) {
        return embedder != null ? this : new SemanticStrategy(Objects.requireNonNull(lookup, "lookup"));
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
        Embedder e = embedder != null ? embedder : plugins.embedder(StructuredChunkers.SEMANTIC_EMBEDDER.value(options));
        return StructuredChunkers.semantic(NAME, document, options, tokenCounter, sink, e, from);
    }
}
