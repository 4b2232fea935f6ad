package dev.chunking.micrometer;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.ProgressListener;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listener of {@link ChunkingMetrics#listener(String)}: turns the numbered events of each
 * operation into meters. Per operation run it remembers the last sequence number, bytes and
 * chunks it saw and when the run started; each event adds what grew since the one before to
 * {@code chunking.input} and {@code chunking.chunks}, a jump in the sequence numbers adds the
 * numbers it skipped to {@code chunking.progress.dropped}, an event numbered at or below the last
 * one is a duplicate and changes nothing, and the final event records the run in
 * {@code chunking.operation} and forgets it. Thread-safe: each operation's numbers change inside
 * {@link ConcurrentHashMap#compute}, so events of one operation delivered from different threads
 * are still counted once each.
 */
final class OperationMeters implements ProgressListener {
    /** What the listener remembers of a run between its events. */
    private record Run(long sequence, Instant startedAt, long bytes, long chunks) {
    }

    private final Map<OperationId, Run> runs = new ConcurrentHashMap<>();
    private final Map<ProgressEvent.Kind, Timer> ended = new EnumMap<>(ProgressEvent.Kind.class);
    private final Counter chunks;
    private final Counter input;
    private final Counter dropped;

    OperationMeters(MeterRegistry registry, String strategy) {
        for (ProgressEvent.Kind kind : new ProgressEvent.Kind[] {ProgressEvent.Kind.COMPLETED, ProgressEvent.Kind.FAILED,
            ProgressEvent.Kind.CANCELLED}) {
            ended.put(kind, Timer.builder(ChunkingMetrics.OPERATION)
                    .description("chunking operation runs that ended, from their first event to their final one")
                    .tag("strategy", strategy)
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        chunks = Counter.builder(ChunkingMetrics.CHUNKS)
                .description("chunks handed to the sink by operation runs")
                .tag("strategy", strategy)
                .register(registry);
        input = Counter.builder(ChunkingMetrics.INPUT)
                .description("bytes of the sources read by operation runs")
                .baseUnit(BaseUnits.BYTES)
                .tag("strategy", strategy)
                .register(registry);
        dropped = Counter.builder(ChunkingMetrics.PROGRESS_DROPPED)
                .description("progress events that never reached a listener")
                .tag("source", ChunkingMetrics.SOURCE_SEQUENCE_GAP)
                .register(registry);
    }

    @Override
    public void onEvent(ProgressEvent event) {
        runs.compute(event.operation(), (id, run) -> next(run, event));
    }

    /** The run after {@code event}, or null when the event ended it; records what the event adds. */
    private Run next(Run run, ProgressEvent event) {
        if (run != null && event.sequence() <= run.sequence()) {
            return run; // a duplicate, or an event older than one already counted
        }
        if (run == null || event.kind() == ProgressEvent.Kind.STARTED) {
            // the first event of a run: a fresh one (numbered 1) counts from the start of the document, a resumed one (or
            // one the listener joins late) from where it stands now
            run = event.sequence() == 1 ? new Run(0, event.at(), 0, 0) : new Run(event.sequence() - 1, event.at(),
                    event.bytesDone(), event.chunks());
        }
        if (event.sequence() > run.sequence() + 1) {
            dropped.increment(event.sequence() - run.sequence() - 1);
        }
        if (event.bytesDone() > run.bytes()) {
            input.increment(event.bytesDone() - run.bytes());
        }
        if (event.chunks() > run.chunks()) {
            chunks.increment(event.chunks() - run.chunks());
        }
        Timer timer = ended.get(event.kind());
        if (timer != null) {
            Duration took = Duration.between(run.startedAt(), event.at());
            timer.record(took.isNegative() ? Duration.ZERO : took);
            return null;
        }
        return new Run(event.sequence(), run.startedAt(), Math.max(run.bytes(), event.bytesDone()),
                Math.max(run.chunks(), event.chunks()));
    }
}
