package dev.chunking.micrometer;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.ChunkSink;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sink of {@link ChunkingMetrics#sink}: records each chunk's size in its unit, times each
 * accept and commit of the sink it wraps, and passes every call through unchanged. All meters are
 * registered when it is made, so a chunk costs a summary record, two clock reads and a timer record.
 * Thread-safe if the wrapped sink is.
 */
final class TimedSink implements ChunkSink {
    private final ChunkSink sink;
    private final Map<SizeUnit, DistributionSummary> sizes = new EnumMap<>(SizeUnit.class);
    private final CallTimers accept;
    private final CallTimers commit;

    TimedSink(MeterRegistry registry, String strategy, ChunkSink sink) {
        this.sink = sink;
        for (SizeUnit unit : SizeUnit.values()) {
            sizes.put(unit, DistributionSummary.builder(ChunkingMetrics.CHUNK_SIZE)
                    .description("the size of each chunk handed to the sink, in the unit of its tag")
                    .tag("strategy", strategy)
                    .tag("unit", unit.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        this.accept = new CallTimers(registry, ChunkingMetrics.SINK, "accept", "calls of the chunk sink");
        this.commit = new CallTimers(registry, ChunkingMetrics.SINK, "commit", "calls of the chunk sink");
    }

    @Override
    public void accept(Chunk chunk) {
        sizes.get(chunk.unit()).record(chunk.size());
        accept.run(() -> sink.accept(chunk));
    }

    @Override
    public void commit(Checkpoint checkpoint) {
        commit.run(() -> sink.commit(checkpoint));
    }
}
