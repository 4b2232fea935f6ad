package dev.chunking.spi;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.ResumeUnsupportedException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A way of cutting documents into chunks, found by its {@link #name()} through
 * {@link java.util.ServiceLoader}. A plugin jar registers an implementation in
 * {@code META-INF/services/dev.chunking.spi.ChunkingStrategy} (and {@code provides} in its
 * {@code module-info}) to add a strategy without touching the library. Implementations are
 * immutable and thread-safe; each {@link #open} call returns an independent chunker.
 *
 * <p>For plugin authors: {@code dev.chunking.strategy.TextChunker} is a base for a chunker that
 * decides where chunks end on decoded text and leaves decoding, offsets and state to the library;
 * {@code dev.chunking.testing.ChunkingStrategyContract} (core's test-jar) checks a strategy's
 * promises; and {@code dev.chunking.application.Chunking} checks every chunk of a strategy that is
 * not built in, failing with a {@link dev.chunking.domain.PluginFailureException} that names the
 * strategy and the broken promise. A parameter value the strategy refuses is an
 * {@link InvalidOptionsException} naming the parameter, the value, what is accepted and the option
 * to change: the command line then exits with status 2 and that one line (any other exception is
 * taken for a bug of the plugin, status 1).
 */
public interface ChunkingStrategy {
    /**
     * Returns the stable name used to select the strategy, such as {@code "recursive"}.
     *
     * @return lower-case name without spaces
     */
    String name();

    /**
     * Returns a one-line description for listings such as {@code chunk strategies}.
     *
     * @return a short sentence
     */
    String description();

    /**
     * Describes the strategy parameters ({@link ChunkingOptions#parameters()}) this strategy
     * reads: name, type, default, accepted values and help, each written down once.
     * {@link dev.chunking.application.Chunking} checks every value given against its descriptor
     * before a chunker opens, and the command line builds its options and help from them. A
     * strategy describes its parameters here and leaves {@link #parameters()} alone.
     *
     * @return the descriptors, in the order to list them, names distinct; empty by default
     */
    default List<ParameterDescriptor> parameterDescriptors() {
        return List.of();
    }

    /**
     * Returns the names of the strategy parameters this strategy reads;
     * {@link dev.chunking.application.Chunking} refuses options that set any other. By default
     * the names of {@link #parameterDescriptors()}. Plugins written before descriptors existed
     * declared their names here, and keep working unchanged: their parameters are accepted and
     * passed on, but neither checked nor listed in the command's help (the command line reaches
     * them through {@code --param NAME=VALUE}).
     *
     * @return parameter names
     */
    default Set<String> parameters() {
        return parameterDescriptors().stream().map(ParameterDescriptor::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Returns this strategy finding the plugins it names in its parameters (an embedder, say)
     * through a lookup, for strategies that name any. {@code Chunking} calls it with the registry
     * the strategy was found in, so a strategy and the plugins it uses come from one place. The
     * default returns this strategy unchanged; a strategy that uses the lookup returns a copy, as
     * strategies are immutable.
     *
     * @param plugins where to find the plugins named by the parameters
     * @return a strategy of the same name that uses {@code plugins}
     */
    default ChunkingStrategy withPlugins(PluginLookup plugins) {
        return this;
    }

    /**
     * Returns whether chunkers of this strategy report resume points and take over at them
     * ({@link Chunker#resumePoint()}, {@link #resume}), so runs can be checkpointed. Callers
     * check it before starting a checkpointed run, rather than failing at the first checkpoint.
     *
     * @return false by default
     */
    default boolean resumable() {
        return false;
    }

    /**
     * Opens a chunker for one document.
     *
     * @param document the document being chunked; copied into every chunk
     * @param options sizes and unit
     * @param tokenCounter counter used when the unit is tokens
     * @param sink receives the chunks in order
     * @return a new chunker
     * @throws InvalidOptionsException if the options set a parameter value the strategy refuses
     *     (beyond what its descriptors check), naming the parameter, the value and the option
     */
    Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink);

    /**
     * Opens a chunker that takes over at a resume point taken from an earlier chunker with the
     * same options; feed it the input from {@code from.byteOffset()} on. Strategies that cannot
     * resume keep this default, which accepts only {@link ResumePoint#START}. (A fresh start after
     * a byte order mark is handled by {@code Chunking}, which shifts such a strategy's chunks.)
     *
     * @param document the document being chunked
     * @param options the options of the earlier chunker
     * @param tokenCounter counter used when the unit is tokens
     * @param sink receives the chunks from {@code from.nextIndex()} on
     * @param from where the earlier chunker stood
     * @return a new chunker
     * @throws ResumeUnsupportedException if the strategy cannot resume from there
     */
    default Chunker resume(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink,
                           ResumePoint from) {
        if (from.equals(ResumePoint.START)) {
            return open(document, options, tokenCounter, sink);
        }
        throw new ResumeUnsupportedException("strategy '" + name() + "' cannot resume from a checkpoint;"
                + " delete the checkpoint and start over");
    }
}
