package dev.chunking.micrometer;

import dev.chunking.application.Chunking;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.ProgressListener;
import dev.chunking.spi.RateLimiter;
import dev.chunking.streaming.operation.OperationRequest;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Records the library's work as Micrometer meters in the host's {@link MeterRegistry}: a progress
 * listener for operations, chunks, input bytes and lost events, and decorators of the sink,
 * checkpoint store and rate limiter ports that time them. The one-line form wires a whole
 * operation request:
 *
 * <pre>{@code
 * ChunkingMetrics metrics = ChunkingMetrics.on(registry);          // once, next to the registry
 * operations.submit(metrics.instrument(request));                     // listener, sink, checkpoints
 * ChunkingOperations.builder().rateLimiter(metrics.rateLimiter(limiter));
 * }</pre>
 *
 * <p>The meters and their tags are the constants of this class ({@link #OPERATION} and on). Tags
 * take a small, fixed set of values only (strategy names, outcomes, units, actions, the names a
 * host gives its drop counters): never a document, collection or operation id, nor a rate limiter
 * key, so the number of time series stays bounded however many documents pass through.
 *
 * <p>Immutable and thread-safe; every listener and decorator it returns is thread-safe too. Meters
 * are registered (or found, when another instance registered them first) as the listeners and
 * decorators are made, so dashboards see them at zero before the first event.
 */
public final class ChunkingMetrics {
    /** Timer: one sample per operation run that ended, from its first event to its final one; tags strategy, outcome. */
    public static final String OPERATION = "chunking.operation";
    /** Counter: chunks handed to the sink by operation runs; tag strategy. */
    public static final String CHUNKS = "chunking.chunks";
    /** Counter in bytes: bytes of the sources read by operation runs; tag strategy. */
    public static final String INPUT = "chunking.input";
    /** Distribution summary: the size of each chunk handed to an instrumented sink, in its unit; tags strategy, unit. */
    public static final String CHUNK_SIZE = "chunking.chunk.size";
    /** Counter: progress events that never reached a listener; tag source. */
    public static final String PROGRESS_DROPPED = "chunking.progress.dropped";
    /** Timer: calls of an instrumented sink; tags action ({@code accept}, {@code commit}), outcome. */
    public static final String SINK = "chunking.sink";
    /** Timer: calls of an instrumented checkpoint store; tags action ({@code load}, {@code save}, {@code delete}), outcome. */
    public static final String CHECKPOINT = "chunking.checkpoint";
    /** Timer: calls of an instrumented rate limiter; tag outcome ({@code granted}, {@code refused}, {@code error}). */
    public static final String RATE_LIMIT_ACQUIRE = "chunking.ratelimit.acquire";
    /** Timer: the waits an instrumented rate limiter handed out with its refusals; no tags. */
    public static final String RATE_LIMIT_WAIT = "chunking.ratelimit.wait";

    /** The {@code source} tag of the events a listener of this class saw were missing (a gap in the sequence numbers). */
    public static final String SOURCE_SEQUENCE_GAP = "sequence-gap";

    /** Strategy names and drop sources: short names, so that no id can pass as a tag value. */
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final MeterRegistry registry;

    private ChunkingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records into a registry.
     *
     * @param registry the host's registry (any implementation: Prometheus, OTLP, simple, composite)
     * @return the metrics
     * @throws InvalidOptionsException if the registry is null
     */
    public static ChunkingMetrics on(MeterRegistry registry) {
        if (registry == null) {
            throw new InvalidOptionsException("the meter registry is null; pass the host's MeterRegistry (a SimpleMeterRegistry in tests)");
        }
        return new ChunkingMetrics(registry);
    }

    /**
     * A listener that records {@link #OPERATION}, {@link #CHUNKS}, {@link #INPUT} and
     * {@link #PROGRESS_DROPPED} from the events of operations run with one strategy. It may be
     * given to any number of operations at once; it keeps a few numbers per operation between its
     * first and final event, and forgets the operation at its final event.
     *
     * @param strategy the strategy's name, the value of the {@code strategy} tag, e.g. {@code recursive}
     * @return the listener; it never throws on an event
     * @throws InvalidOptionsException if the name is not 1 to 64 letters, digits, dots, dashes or underscores
     */
    public ProgressListener listener(String strategy) {
        return new OperationMeters(registry, checkedTag("strategy", strategy));
    }

    /**
     * A listener for the operations of a {@link Chunking}, tagged with its strategy's name.
     *
     * @param chunking the strategy and options the operations run with
     * @return the listener, as {@link #listener(String)}
     * @throws InvalidOptionsException if chunking is null or its strategy's name is unfit for a tag
     */
    public ProgressListener listener(Chunking chunking) {
        if (chunking == null) {
            throw new InvalidOptionsException("chunking is null; pass the Chunking the operations run with");
        }
        return listener(chunking.strategy().name());
    }

    /**
     * A sink that records {@link #CHUNK_SIZE} for every chunk and times each call in {@link #SINK},
     * then hands the chunk (or the commit) to {@code sink} unchanged; an exception of the sink is
     * counted with outcome {@code error} and rethrown as it is. Called on the feeding thread as
     * any sink; thread-safe if {@code sink} is.
     *
     * @param strategy the strategy's name, the value of the {@code strategy} tag
     * @param sink the sink to instrument
     * @return the instrumented sink
     * @throws InvalidOptionsException if the sink is null or the name is unfit for a tag
     */
    public ChunkSink sink(String strategy, ChunkSink sink) {
        if (sink == null) {
            throw new InvalidOptionsException("the sink is null; pass the sink to instrument");
        }
        return new TimedSink(registry, checkedTag("strategy", strategy), sink);
    }

    /**
     * A checkpoint store that times each load, save and delete in {@link #CHECKPOINT} and
     * otherwise behaves exactly as {@code store} (same results, same exceptions).
     *
     * @param store the store to instrument
     * @return the instrumented store, thread-safe as the store is
     * @throws InvalidOptionsException if the store is null
     */
    public CheckpointStore checkpoints(CheckpointStore store) {
        if (store == null) {
            throw new InvalidOptionsException("the checkpoint store is null; pass the store to instrument");
        }
        return new TimedCheckpointStore(registry, store);
    }

    /**
     * A rate limiter that times each request in {@link #RATE_LIMIT_ACQUIRE} (granted, refused, or
     * error when the limiter threw) and records every wait it hands out in
     * {@link #RATE_LIMIT_WAIT}; answers and exceptions are the limiter's own. Keys are never tags.
     *
     * @param limiter the limiter to instrument
     * @return the instrumented limiter, thread-safe as limiters are
     * @throws InvalidOptionsException if the limiter is null
     */
    public RateLimiter rateLimiter(RateLimiter limiter) {
        if (limiter == null) {
            throw new InvalidOptionsException("the rate limiter is null; pass the limiter to instrument");
        }
        return new MeteredRateLimiter(registry, limiter);
    }

    /**
     * The same request with every meter wired in: its listener is this class's
     * {@linkplain #listener(String) listener} followed by the request's own, its sink and its
     * checkpoint store (when it has one) are instrumented, all tagged with the request's strategy.
     *
     * @param request the request to instrument
     * @return a new request with the same id, document, source and options
     * @throws InvalidOptionsException if the request is null or its strategy's name is unfit for a tag
     */
    public OperationRequest instrument(OperationRequest request) {
        if (request == null) {
            throw new InvalidOptionsException("the operation request is null; pass the request to instrument");
        }
        String strategy = request.chunking().strategy().name();
        ProgressListener meters = listener(strategy);
        ProgressListener own = request.listener();
        ProgressListener both = own == ProgressListener.NONE ? meters : event -> {
            meters.onEvent(event);
            own.onEvent(event);
        };
        return new OperationRequest(request.id(), request.collection(), request.document(), request.chunking(), request.source(),
                sink(strategy, request.sink()), both, request.checkpoints().map(this::checkpoints), request.checkpointAttributes(),
                request.options());
    }

    /**
     * Reports a count of progress events that a component dropped on its way out (such as
     * {@code RedisProgressPublisher::dropped}, events it could not write while Redis was down) as
     * {@link #PROGRESS_DROPPED} with the tag {@code source}. The registry reads the count when it
     * publishes and holds {@code counted} weakly, as Micrometer's function counters do.
     *
     * @param source the {@code source} tag, a fixed name such as {@code redis-publisher}
     * @param counted the object that counts
     * @param count reads its count, which only grows
     * @param <T> the type of the object
     * @throws InvalidOptionsException if a part is null or the name is unfit for a tag
     */
    public <T> void countDropped(String source, T counted, ToDoubleFunction<T> count) {
        String tag = checkedTag("source", source);
        if (counted == null || count == null) {
            throw new InvalidOptionsException("the object that counts dropped events, or its count function, is null; pass both");
        }
        FunctionCounter.builder(PROGRESS_DROPPED, counted, count)
                .description("progress events that never reached a listener")
                .tag("source", tag)
                .register(registry);
    }

    private static String checkedTag(String key, String value) {
        if (value == null || !TAG_VALUE.matcher(value).matches()) {
            throw new InvalidOptionsException("the " + key + " tag " + (value == null ? "is null" : "'" + value + "' is not a short name")
                    + "; pass 1 to 64 letters, digits, '.', '-' or '_' (a strategy or component name, never a document or"
                    + " collection id)");
        }
        return value;
    }
}
