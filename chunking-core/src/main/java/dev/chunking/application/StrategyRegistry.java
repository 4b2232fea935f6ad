package dev.chunking.application;

import dev.chunking.domain.PluginFailureException;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.Embedder;
import dev.chunking.spi.PluginLookup;
import dev.chunking.spi.TokenCounter;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Finds strategies, token counters and embedders by name. {@link #load()} discovers them through
 * {@link ServiceLoader} (module path {@code provides} or class path {@code META-INF/services}),
 * so a plugin jar adds a strategy without touching the library. Unknown names fail listing the
 * known ones; duplicate names fail naming both classes; a provider that cannot be loaded fails
 * naming its class and jar, or is skipped and reported ({@link #load(ClassLoader, Consumer)}). The registry is also the
 * {@link PluginLookup} of its strategies: {@link Chunking#of(StrategyRegistry, String,
 * dev.chunking.domain.ChunkingOptions)} hands it to the strategy, so {@code semantic} and
 * {@code hybrid} find their {@code embedder} here, among the embedders this registry was given.
 * Immutable and thread-safe.
 */
public final class StrategyRegistry implements PluginLookup {
    /** Where the named token counters come from, for the message of one that is missing. */
    static final String TOKENIZERS_HINT = "; the OpenAI encodings (cl100k_base, o200k_base, p50k_base, r50k_base) come with"
            + " the chunking-tokenizers artifact: add it to the class path (for bin/chunk, CHUNK_CLASSPATH)";

    private final NamedProviders<ChunkingStrategy> strategies;
    private final NamedProviders<TokenCounter> counters;
    private final NamedProviders<Embedder> embedders;

    private StrategyRegistry(Iterable<? extends ChunkingStrategy> strategies, Iterable<? extends TokenCounter> counters,
                             Iterable<? extends Embedder> embedders) {
        this.strategies = new NamedProviders<>("strategy", strategies, ChunkingStrategy::name);
        this.counters = new NamedProviders<>("token counter", counters, TokenCounter::name, TOKENIZERS_HINT);
        this.embedders = new NamedProviders<>("embedder", embedders, Embedder::name);
    }

    /**
     * Discovers every strategy, token counter and embedder visible to this library's class loader.
     *
     * @return a new registry
     * @throws dev.chunking.domain.DuplicatePluginException if two providers share a name
     * @throws PluginFailureException naming the class and the jar of a provider that cannot be
     *     loaded (its class is missing or not a provider, or its constructor throws)
     */
    public static StrategyRegistry load() {
        return load(StrategyRegistry.class.getClassLoader());
    }

    /**
     * Discovers every strategy, token counter and embedder visible to a class loader.
     *
     * @param loader where to look, for hosts with plugin class loaders
     * @return a new registry
     * @throws dev.chunking.domain.DuplicatePluginException if two providers share a name
     * @throws PluginFailureException naming the class and the jar of a provider that cannot be loaded
     */
    public static StrategyRegistry load(ClassLoader loader) {
        return load(loader, problem -> {
            throw new PluginFailureException(problem);
        });
    }

    /**
     * Discovers every provider that can be loaded, and skips, reporting each in one line, those
     * that cannot: a {@code META-INF/services} entry whose class is missing or is not a provider,
     * or whose constructor throws. The line names the service, the class and the jar or class
     * directory that registered it, so a tool can warn and go on with the others (the
     * {@code chunk} command does).
     *
     * @param loader where to look
     * @param broken told one line for each provider skipped
     * @return a new registry of the providers that loaded
     * @throws dev.chunking.domain.DuplicatePluginException if two providers share a name
     */
    public static StrategyRegistry load(ClassLoader loader, Consumer<String> broken) {
        Objects.requireNonNull(broken, "broken");
        return new StrategyRegistry(ServiceProviders.load(ChunkingStrategy.class, loader, broken),
                ServiceProviders.load(TokenCounter.class, loader, broken), ServiceProviders.load(Embedder.class, loader, broken));
    }

    /**
     * Builds a registry from explicit providers, without {@link ServiceLoader}, and without
     * embedders: {@code semantic} and {@code hybrid} taken from it find none (give them with
     * {@link #of(List, List, List)}).
     *
     * @param strategies the strategies
     * @param counters the token counters
     * @return a new registry
     */
    public static StrategyRegistry of(List<? extends ChunkingStrategy> strategies, List<? extends TokenCounter> counters) {
        return new StrategyRegistry(strategies, counters, List.of());
    }

    /**
     * Builds a registry from explicit providers, without {@link ServiceLoader}.
     *
     * @param strategies the strategies
     * @param counters the token counters
     * @param embedders the embedders, for the {@code embedder} parameter of {@code semantic} and {@code hybrid}
     * @return a new registry
     */
    public static StrategyRegistry of(List<? extends ChunkingStrategy> strategies, List<? extends TokenCounter> counters,
                                      List<? extends Embedder> embedders) {
        return new StrategyRegistry(strategies, counters, embedders);
    }

    /**
     * Returns the strategy with a name, as it was registered; {@link Chunking} binds it to this
     * registry's plugins ({@link ChunkingStrategy#withPlugins}) before opening it.
     *
     * @param name such as {@code "recursive"}
     * @return the strategy
     * @throws dev.chunking.domain.UnknownPluginException listing the known names
     */
    public ChunkingStrategy strategy(String name) {
        return strategies.get(name);
    }

    /**
     * Returns the token counter with a name.
     *
     * @param name such as {@code "codepoints"}
     * @return the counter
     * @throws dev.chunking.domain.UnknownPluginException listing the known names
     */
    @Override
    public TokenCounter tokenCounter(String name) {
        return counters.get(name);
    }

    /**
     * Returns the embedder with a name.
     *
     * @param name such as {@code "lexical"}
     * @return the embedder
     * @throws dev.chunking.domain.UnknownPluginException listing the known names
     */
    @Override
    public Embedder embedder(String name) {
        return embedders.get(name);
    }

    /**
     * Returns every strategy, sorted by name.
     *
     * @return an unmodifiable list
     */
    public List<ChunkingStrategy> strategies() {
        return strategies.all();
    }

    /**
     * Returns every token counter, sorted by name.
     *
     * @return an unmodifiable list
     */
    public List<TokenCounter> tokenCounters() {
        return counters.all();
    }

    /**
     * Returns every embedder, sorted by name.
     *
     * @return an unmodifiable list
     */
    public List<Embedder> embedders() {
        return embedders.all();
    }
}
