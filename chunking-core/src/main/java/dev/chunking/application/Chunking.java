package dev.chunking.application;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.RecursiveStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entry point for host applications: a strategy and options, resolved once, that chunk
 * strings and streams. Immutable and thread-safe; each call opens its own chunker.
 *
 * <pre>{@code
 * Chunking chunking = Chunking.recursive(800, 100);   // or Chunking.of("recursive", options)
 * for (Chunk chunk : chunking.chunk(DocumentId.of("guide.md"), text)) {
 *     index(chunk.text(), chunk.start(), chunk.end());
 * }
 * }</pre>
 *
 * <p><b>Make one, keep it, share it.</b> {@link #of(String, ChunkingOptions)} looks the names up
 * in a fresh {@link StrategyRegistry#load()}: every call runs {@link java.util.ServiceLoader}
 * over the class path (reading every {@code META-INF/services} file and instantiating every
 * strategy, token counter and embedder found): around 0.1 ms per call once warm with core alone
 * on the class path, more with every plugin jar, and milliseconds while the JVM is cold, where
 * {@link #recursive(int, int)} or a kept registry take about a microsecond and chunking a 2 KB
 * text some 15 microseconds ({@code docs/use-from-your-project.md}). Build a {@code Chunking} once per configuration
 * (a field, a singleton bean) and reuse it from any number of threads, or load the registry once
 * and call {@link #of(StrategyRegistry, String, ChunkingOptions)}. {@link #recursive(int, int)}
 * skips the registry altogether.
 */
public final class Chunking {
    /** Bytes read per call when chunking a stream. */
    public static final int READ_BUFFER_SIZE = 64 * 1024;

    private final ChunkingStrategy strategy;
    private final ChunkingOptions options;
    private final TokenCounter tokenCounter;

    private Chunking(ChunkingStrategy strategy, ChunkingOptions options, TokenCounter tokenCounter) {
        Set<String> reads = strategy.parameters();
        Map<String, ParameterDescriptor> described = new HashMap<>();
        for (ParameterDescriptor descriptor : strategy.parameterDescriptors()) {
            described.put(descriptor.name(), descriptor);
        }
        options.parameters().forEach((name, value) -> {
            if (!reads.contains(name)) {
                throw new InvalidOptionsException("strategy '" + strategy.name() + "' has no parameter '" + name + "'; it reads "
                        + (reads.isEmpty() ? "none" : new TreeSet<>(reads)) + "; remove the setting or pick another strategy");
            }
            ParameterDescriptor descriptor = described.get(name);
            if (descriptor != null) {
                descriptor.check(value); // type and range; the strategy checks the rest when it opens
            }
        });
        this.strategy = strategy;
        this.options = options;
        this.tokenCounter = tokenCounter;
    }

    /**
     * The common case in one line: the built-in {@code recursive} strategy, sizes in code points.
     * Same as {@code Chunking.of("recursive", ChunkingOptions.builder().maxSize(maxSize).overlap(overlap).build())}
     * with the default limits, but without loading the {@link java.util.ServiceLoader} registry.
     *
     * @param maxSize the largest chunk, in code points
     * @param overlap how many code points a chunk may share with the one before, below {@code maxSize}
     * @return a ready instance; keep and reuse it
     * @throws InvalidOptionsException if {@code maxSize} is out of range, or {@code overlap} is
     *     negative or not below {@code maxSize}
     */
    public static Chunking recursive(int maxSize, int overlap) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(maxSize).overlap(overlap).build();
        return new Chunking(new RecursiveStrategy(), options, new CodePointCounter());
    }

    /**
     * Resolves a strategy and token counter by name from the {@link java.util.ServiceLoader}
     * registry, loaded afresh on every call (see the class comment on its cost: keep the result).
     *
     * @param strategyName such as {@code "recursive"}
     * @param options sizes and unit; the token counter is looked up by {@code options.tokenCounter()}
     * @return a ready instance
     * @throws dev.chunking.domain.UnknownPluginException if a name is not registered
     * @throws InvalidOptionsException if the options set a parameter the strategy does not read,
     *     or a value its {@link ParameterDescriptor} does not accept
     */
    public static Chunking of(String strategyName, ChunkingOptions options) {
        return of(StrategyRegistry.load(), strategyName, options);
    }

    /**
     * Resolves a strategy and token counter by name from a given registry. The strategy finds
     * the plugins its parameters name (the {@code embedder} of {@code semantic} and
     * {@code hybrid}) in the same registry ({@link ChunkingStrategy#withPlugins}).
     *
     * @param registry where to look the names up
     * @param strategyName such as {@code "recursive"}
     * @param options sizes and unit
     * @return a ready instance
     * @throws dev.chunking.domain.UnknownPluginException if a name is not registered
     * @throws InvalidOptionsException if the options set a parameter the strategy does not read,
     *     or a value its {@link ParameterDescriptor} does not accept
     */
    public static Chunking of(StrategyRegistry registry, String strategyName, ChunkingOptions options) {
        ChunkingStrategy strategy = registry.strategy(strategyName).withPlugins(registry);
        return new Chunking(strategy, options, registry.tokenCounter(options.tokenCounter()));
    }

    /**
     * Uses a strategy and counter instance directly. The strategy is used as given: one that
     * names other plugins in its parameters finds them where it was bound
     * ({@link ChunkingStrategy#withPlugins}); the built-in {@code semantic} and {@code hybrid},
     * never bound, know only the built-in {@code lexical} embedder.
     *
     * @param strategy the strategy
     * @param options sizes and unit
     * @param tokenCounter counter used when the unit is tokens
     * @return a ready instance
     * @throws InvalidOptionsException if the options set a parameter the strategy does not read,
     *     or a value its {@link ParameterDescriptor} does not accept
     */
    public static Chunking of(ChunkingStrategy strategy, ChunkingOptions options, TokenCounter tokenCounter) {
        return new Chunking(strategy, options, tokenCounter);
    }

    /**
     * Opens a chunker for one document, for callers that feed it themselves. The chunker
     * enforces the options' {@link dev.chunking.domain.InputLimits}, whatever the strategy. The
     * chunks of a strategy that is not built in (a plugin) are checked before they reach the
     * sink: contiguous indexes, offsets in order and within the input fed, size within the
     * maximum, text as long as its offsets; a chunk that breaks one fails the run with a
     * {@link dev.chunking.domain.PluginFailureException} naming the plugin and the promise.
     *
     * @param document the document id stamped on each chunk
     * @param sink receives chunks as they are final
     * @return a new chunker; close it when done
     */
    public Chunker open(DocumentId document, ChunkSink sink) {
        return LimitedChunker.open(document, options.limits(), sink, ResumePoint.START,
                limited -> CheckedChunker.open(strategy, document, options, limited, ResumePoint.START,
                        checked -> strategy.open(document, options, tokenCounter, checked)));
    }

    /**
     * Opens a chunker that takes over at a resume point of an earlier chunker with the same
     * strategy and options; feed it the input from {@code from.byteOffset()} on. Its
     * {@link dev.chunking.domain.InputLimits} count on from the resume point: the document's
     * bytes from its start, its chunks from index 0.
     *
     * @param document the document id stamped on each chunk
     * @param sink receives the chunks from {@code from.nextIndex()} on
     * @param from where the earlier chunker stood
     * @return a new chunker; close it when done
     * @throws dev.chunking.domain.InputLimitException if {@code from} already lies past the byte or chunk limit
     */
    public Chunker resume(DocumentId document, ChunkSink sink, ResumePoint from) {
        boolean freshAfterPrefix = !from.equals(ResumePoint.START)
                && from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()));
        // a strategy that cannot resume still chunks the text after a prefix (a byte order mark): shift its chunks
        return LimitedChunker.open(document, options.limits(), sink, from, limited -> CheckedChunker.open(strategy, document,
                options, limited, from, checked -> freshAfterPrefix && !strategy.resumable()
                        ? strategy.open(document, options, tokenCounter, Prefixes.shifting(checked, from))
                        : strategy.resume(document, options, tokenCounter, checked, from)));
    }

    /**
     * Chunks a whole string.
     *
     * @param document the document id stamped on each chunk
     * @param text the document
     * @return the chunks in order
     * @throws dev.chunking.domain.InputLimitException if the text passes one of the options' limits
     */
    public List<Chunk> chunk(DocumentId document, CharSequence text) {
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = open(document, chunks::add)) {
            chunker.feed(text);
            chunker.finish();
        }
        return chunks;
    }

    /**
     * Chunks a UTF-8 stream in {@value #READ_BUFFER_SIZE}-byte reads, never holding the whole
     * input. The stream is not closed.
     *
     * @param document the document id stamped on each chunk
     * @param in UTF-8 bytes
     * @param sink receives chunks as they are final
     * @return the number of bytes read
     * @throws IOException if reading fails
     * @throws dev.chunking.domain.MalformedInputException if the input is not UTF-8
     * @throws dev.chunking.domain.InputLimitException if the input passes one of the options' limits
     */
    public long chunk(DocumentId document, InputStream in, ChunkSink sink) throws IOException {
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        try (Chunker chunker = open(document, sink)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                chunker.feed(buffer, 0, n);
            }
            chunker.finish();
            return chunker.bytesFed();
        }
    }

    /**
     * Returns the strategy in use.
     *
     * @return the strategy
     */
    public ChunkingStrategy strategy() {
        return strategy;
    }

    /**
     * Returns the options in use.
     *
     * @return the options
     */
    public ChunkingOptions options() {
        return options;
    }
}
