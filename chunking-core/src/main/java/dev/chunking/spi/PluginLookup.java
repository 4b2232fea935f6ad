package dev.chunking.spi;

/**
 * Finds the plugins a strategy names in its parameters, such as the {@code embedder} of
 * {@code semantic} and {@code hybrid}, in the same place the strategy itself was found. A
 * {@code dev.chunking.application.StrategyRegistry} is one: {@code Chunking} hands its registry
 * to the strategy through {@link ChunkingStrategy#withPlugins}, so an embedder registered with a
 * registry, by {@link java.util.ServiceLoader} or explicitly, is the one its strategies use.
 * Implementations are thread-safe.
 */
public interface PluginLookup {
    /**
     * Returns the token counter with a name.
     *
     * @param name such as {@code "codepoints"}
     * @return the counter
     * @throws dev.chunking.domain.UnknownPluginException listing the known names if there is none
     */
    TokenCounter tokenCounter(String name);

    /**
     * Returns the embedder with a name.
     *
     * @param name such as {@code "lexical"}
     * @return the embedder
     * @throws dev.chunking.domain.UnknownPluginException listing the known names if there is none
     */
    Embedder embedder(String name);
}
