package dev.chunking.spark;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.SizeUnit;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What to chunk with, as plain serialisable values: the strategy's name and every field of
 * {@link ChunkingOptions}. Spark ships it to the executors inside the task; each task then looks
 * the strategy and token counter up by name in the plugin registry of its own class path
 * ({@link #chunking()}), so a plugin jar shipped with the job works on the executors as on the
 * driver. Immutable and thread-safe; the compact constructor checks the values as
 * {@code ChunkingOptions} does, so a bad setting fails on the driver, before any task starts.
 *
 * <pre>{@code
 * ChunkingSpec spec = ChunkingSpec.of("recursive", ChunkingOptions.builder().maxSize(800).build());
 * }</pre>
 *
 * @param strategy the strategy's registered name, such as {@code recursive}
 * @param maxSize see {@link ChunkingOptions#maxSize()}
 * @param overlap see {@link ChunkingOptions#overlap()}
 * @param minSize see {@link ChunkingOptions#minSize()}
 * @param unit the {@link SizeUnit} of the sizes
 * @param tokenCounter the token counter's registered name
 * @param malformedInput what to do with bytes that are not UTF-8
 * @param parameters the strategy's own settings by name, sorted
 * @param maxDocumentBytes see {@link InputLimits#maxDocumentBytes()}
 * @param maxChunks see {@link InputLimits#maxChunks()}
 * @param maxMetadataBytes see {@link InputLimits#maxMetadataBytes()}
 */
public record ChunkingSpec(String strategy, int maxSize, int overlap, int minSize, SizeUnit unit, String tokenCounter,
                           MalformedInputPolicy malformedInput, SortedMap<String, String> parameters,
                           long maxDocumentBytes, long maxChunks, long maxMetadataBytes) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Validates the values: the strategy name is set, and the options are valid options.
     *
     * @throws InvalidOptionsException naming the value, the limit and the setting to change
     */
    public ChunkingSpec {
        if (strategy == null || strategy.isBlank()) {
            throw new InvalidOptionsException("strategy name '" + strategy + "' is blank; name a registered strategy,"
                    + " such as ChunkingSpec.of(\"recursive\", options)");
        }
        if (parameters == null) {
            throw new InvalidOptionsException("parameters must not be null; use an empty map");
        }
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        options(maxSize, overlap, minSize, unit, tokenCounter, malformedInput, parameters,
                maxDocumentBytes, maxChunks, maxMetadataBytes); // the options' own checks and messages
    }

    /**
     * The spec of a strategy with options.
     *
     * @param strategy the strategy's registered name
     * @param options the options
     * @return the spec
     */
    public static ChunkingSpec of(String strategy, ChunkingOptions options) {
        if (options == null) {
            throw new InvalidOptionsException("options must not be null; use ChunkingOptions.defaults()");
        }
        InputLimits limits = options.limits();
        return new ChunkingSpec(strategy, options.maxSize(), options.overlap(), options.minSize(), options.unit(),
                options.tokenCounter(), options.malformedInput(), new TreeMap<>(options.parameters()),
                limits.maxDocumentBytes(), limits.maxChunks(), limits.maxMetadataBytes());
    }

    /**
     * A strategy with the default options: 1000 code points, overlap 200, min size 250.
     *
     * @param strategy the strategy's registered name
     * @return the spec
     */
    public static ChunkingSpec defaults(String strategy) {
        return of(strategy, ChunkingOptions.defaults());
    }

    /**
     * The options this spec describes.
     *
     * @return equal options to the ones the spec was made of
     */
    public ChunkingOptions options() {
        return options(maxSize, overlap, minSize, unit, tokenCounter, malformedInput, parameters,
                maxDocumentBytes, maxChunks, maxMetadataBytes);
    }

    /**
     * Resolves the strategy and token counter by name in the registry of the current thread's
     * context class loader (on an executor: the job's jars), or of the library's own.
     *
     * @return a ready chunking; keep it for the partition
     * @throws dev.chunking.domain.UnknownPluginException if a name is not registered there
     */
    public Chunking chunking() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        StrategyRegistry registry = context == null ? StrategyRegistry.load() : StrategyRegistry.load(context);
        return Chunking.of(registry, strategy, options());
    }

    private static ChunkingOptions options(int maxSize, int overlap, int minSize, SizeUnit unit,
                                           String tokenCounter, MalformedInputPolicy malformedInput,
                                           Map<String, String> parameters, long maxDocumentBytes, long maxChunks,
                                           long maxMetadataBytes) {
        return new ChunkingOptions(maxSize, overlap, minSize, unit, tokenCounter, malformedInput, parameters,
                new InputLimits(maxDocumentBytes, maxChunks, maxMetadataBytes));
    }
}
