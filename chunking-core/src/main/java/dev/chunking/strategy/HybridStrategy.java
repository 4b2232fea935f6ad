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
 * {@code hybrid}: structure first, then meaning. Every Markdown heading (ATX or setext, as
 * {@code markdown} reads them; in plain text there are none) starts a new chunk, so a section
 * that fits the max size is one chunk; a section smaller than the min size merges with the
 * next one when that lies under the same parent heading. A section too large for one chunk is
 * cut, in this order of preference, at a meaning shift ({@code semantic}'s breakpoints, when an
 * embedder is configured by the {@code embedder} parameter, found as {@code semantic} finds it,
 * or by {@link #HybridStrategy(Embedder)}),
 * between blocks (paragraphs, code, tables, list items), then at a line break, a sentence end or whitespace.
 * Chunks carry the heading path and level as {@code markdown}'s do, and the attribute
 * {@code subStrategy}: {@code markdown} (whole sections), {@code semantic} (ends at a meaning
 * shift) or {@code recursive}. Front matter is a chunk of its own, or skipped
 * ({@code front-matter=skip}). Chunkers resume from a checkpoint, with the state of
 * both {@code markdown} and {@code semantic} in the resume point. Immutable and
 * thread-safe when the embedder is.
 */
public final class HybridStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "hybrid";

    private final Embedder embedder; // null: by name from the options when set, through plugins
    private final PluginLookup plugins;

    /**
     * Creates the strategy, which finds the embedder its parameter names among the built-in ones
     * until it is given a registry ({@link #withPlugins}); called by {@link java.util.ServiceLoader}.
     */
    public HybridStrategy() {
        this.embedder = null;
        this.plugins = BuiltInPlugins.INSTANCE;
    }

    private HybridStrategy(PluginLookup plugins) {
        this.embedder = null;
        this.plugins = plugins;
    }

    /**
     * Creates the strategy with an embedder for splitting oversized sections by meaning.
     *
     * @param embedder the embedder
     */
    public HybridStrategy(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.plugins = BuiltInPlugins.INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Markdown sections whole when they fit; larger ones split by meaning (with an embedder) or recursively";
    }

    @Override
    public List<ParameterDescriptor> parameterDescriptors() {
        return StructuredChunkers.HYBRID_PARAMETERS;
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
        return embedder != null ? this : new HybridStrategy(Objects.requireNonNull(lookup, "lookup"));
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
        String named = StructuredChunkers.HYBRID_EMBEDDER.value(options); // empty: none
        Embedder e = embedder != null ? embedder : named.isEmpty() ? null : plugins.embedder(named);
        return StructuredChunkers.hybrid(NAME, document, options, tokenCounter, sink, e, from);
    }
}
