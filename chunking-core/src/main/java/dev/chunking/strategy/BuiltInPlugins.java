package dev.chunking.strategy;

import dev.chunking.domain.UnknownPluginException;
import dev.chunking.spi.Embedder;
import dev.chunking.spi.PluginLookup;
import dev.chunking.spi.TokenCounter;
import java.util.List;

/**
 * The plugins this package provides, and nothing else: the {@code codepoints} counter and the
 * {@code lexical} embedder. The lookup of a strategy used without a registry (constructed
 * directly and never given one through {@code withPlugins}). Stateless.
 */
enum BuiltInPlugins implements PluginLookup {
    /** The one instance. */
    INSTANCE;

    private static final Embedder LEXICAL = new LexicalEmbedder();
    private static final TokenCounter CODE_POINTS = new CodePointCounter();

    @Override
    public TokenCounter tokenCounter(String name) {
        if (CODE_POINTS.name().equals(name)) {
            return CODE_POINTS;
        }
        throw new UnknownPluginException("token counter", name, List.of(CODE_POINTS.name()));
    }

    @Override
    public Embedder embedder(String name) {
        if (LEXICAL.name().equals(name)) {
            return LEXICAL;
        }
        throw new UnknownPluginException("embedder", name, List.of(LEXICAL.name()));
    }
}
