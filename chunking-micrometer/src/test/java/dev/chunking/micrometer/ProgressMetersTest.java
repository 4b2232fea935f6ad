package dev.chunking.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.DocumentSource;
import dev.chunking.spi.ProgressListener;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.testing.ProgressListenerContract;
import dev.chunking.testing.RecordingListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The listener's arithmetic on events as a relay or a replay hands them: gaps, duplicates, late joins, runs that never started. */
class ProgressMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChunkingMetrics metrics = ChunkingMetrics.on(registry);
    private final ProgressListener listener = metrics.listener("markdown");
    private final OperationId operation = OperationId.of("op-1");

    /** The event numbered {@code sequence}, {@code sequence} seconds in, with 1000 bytes and 3 chunks per number. */
    private ProgressEvent event(long sequence, ProgressEvent.Kind kind) {
        return new ProgressEvent(operation, sequence, kind, Instant.ofEpochSecond(1_800_000_000L + sequence), CollectionId.of("c"),
                DocumentId.of("d"), sequence * 1000, OptionalLong.empty(), sequence * 3, 1.0,
                kind == ProgressEvent.Kind.FAILED ? Optional.of("disk full") : Optional.empty());
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    private double dropped() {
        return registry.get(ChunkingMetrics.PROGRESS_DROPPED).tags("source", "sequence-gap").counter().count();
    }

    @Test
    void numbersMissingFromAnOperationsSequenceCountAsDroppedAndWhatTheyCarriedIsStillCounted() {
        for (long n : new long[] {1, 2, 5, 6, 9}) {
            listener.onEvent(event(n, n == 1 ? ProgressEvent.Kind.STARTED : n == 9 ? ProgressEvent.Kind.COMPLETED
                    : ProgressEvent.Kind.PROGRESS));
        }
        assertThat(dropped()).isEqualTo(4);
        assertThat(count(ChunkingMetrics.INPUT)).isEqualTo(9000);
        assertThat(count(ChunkingMetrics.CHUNKS)).isEqualTo(27);
        assertThat(registry.get(ChunkingMetrics.OPERATION).tags("outcome", "completed", "strategy", "markdown").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(8);
    }

    @Test
    void aDuplicateOrOlderEventChangesNothing() {
        listener.onEvent(event(1, ProgressEvent.Kind.STARTED));
        listener.onEvent(event(3, ProgressEvent.Kind.PROGRESS));
        listener.onEvent(event(3, ProgressEvent.Kind.PROGRESS));
        listener.onEvent(event(2, ProgressEvent.Kind.PROGRESS));
        assertThat(count(ChunkingMetrics.INPUT)).isEqualTo(3000);
        assertThat(count(ChunkingMetrics.CHUNKS)).isEqualTo(9);
        assertThat(dropped()).isEqualTo(1);
    }

    @Test
    void aListenerThatJoinsLateCountsFromTheFirstEventItSeesAndTimesFromThere() {
        listener.onEvent(event(7, ProgressEvent.Kind.PROGRESS));
        listener.onEvent(event(8, ProgressEvent.Kind.CHECKPOINT));
        listener.onEvent(event(10, ProgressEvent.Kind.FAILED));
        assertThat(count(ChunkingMetrics.INPUT)).isEqualTo(3000);
        assertThat(count(ChunkingMetrics.CHUNKS)).isEqualTo(9);
        assertThat(dropped()).isEqualTo(1);
        assertThat(registry.get(ChunkingMetrics.OPERATION).tags("outcome", "failed").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void anOperationThatEndsBeforeItStartsIsTimedAtZeroAndForgotten() {
        listener.onEvent(new ProgressEvent(operation, 1, ProgressEvent.Kind.CANCELLED, Instant.ofEpochSecond(5), CollectionId.of("c"),
                DocumentId.of("d"), 0, OptionalLong.empty(), 0, 0, Optional.empty()));
        listener.onEvent(event(1, ProgressEvent.Kind.STARTED));
        listener.onEvent(event(2, ProgressEvent.Kind.COMPLETED));
        assertThat(registry.get(ChunkingMetrics.OPERATION).tags("outcome", "cancelled").timer().count()).isEqualTo(1);
        assertThat(registry.get(ChunkingMetrics.OPERATION).tags("outcome", "cancelled").timer().totalTime(TimeUnit.NANOSECONDS)).isZero();
        assertThat(registry.get(ChunkingMetrics.OPERATION).tags("outcome", "completed").timer().count()).isEqualTo(1);
        assertThat(count(ChunkingMetrics.INPUT)).isEqualTo(2000);
    }

    @Test
    void listenersOfTwoStrategiesShareTheDropCounterAndKeepTheirOwnOperationMeters() {
        ProgressListener other = metrics.listener(Chunking.recursive(500, 50));
        listener.onEvent(event(1, ProgressEvent.Kind.STARTED));
        other.onEvent(new ProgressEvent(OperationId.of("op-2"), 4, ProgressEvent.Kind.COMPLETED, Instant.ofEpochSecond(9),
                CollectionId.of("c"), DocumentId.of("e"), 10, OptionalLong.empty(), 1, 0, Optional.empty()));
        listener.onEvent(event(3, ProgressEvent.Kind.COMPLETED));
        assertThat(registry.get(ChunkingMetrics.CHUNKS).tags("strategy", "markdown").counter().count()).isEqualTo(9);
        assertThat(registry.get(ChunkingMetrics.CHUNKS).tags("strategy", "recursive").counter().count()).isZero();
        assertThat(registry.get(ChunkingMetrics.OPERATION).tags("strategy", "recursive", "outcome", "completed").timer().count())
                .isEqualTo(1);
        assertThat(registry.find(ChunkingMetrics.PROGRESS_DROPPED).counters()).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1));
    }

    @Test
    void aComponentsOwnDropCountIsReadWhenTheRegistryAsks() {
        AtomicLong publisherDrops = new AtomicLong();
        metrics.countDropped("redis-publisher", publisherDrops, AtomicLong::get);
        publisherDrops.addAndGet(12);
        assertThat(registry.get(ChunkingMetrics.PROGRESS_DROPPED).tags("source", "redis-publisher").functionCounter().count())
                .isEqualTo(12);
    }

    @Test
    void refusesWhatCouldNotBeATagOrIsMissingWithTheValueAndWhatToPass() {
        assertThatThrownBy(() -> ChunkingMetrics.on(null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the meter registry is null; pass the host's MeterRegistry (a SimpleMeterRegistry in tests)");
        assertThatThrownBy(() -> metrics.listener("reports/2026/q3.md")).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the strategy tag 'reports/2026/q3.md' is not a short name; pass 1 to 64 letters, digits, '.', '-' or '_'"
                        + " (a strategy or component name, never a document or collection id)");
        assertThatThrownBy(() -> metrics.listener((String) null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("the strategy tag is null; pass 1 to 64 letters");
        assertThatThrownBy(() -> metrics.countDropped("x".repeat(65), new AtomicLong(), AtomicLong::get))
                .isInstanceOf(InvalidOptionsException.class).hasMessageStartingWith("the source tag 'xxxxxxxx");
        assertThatThrownBy(() -> metrics.countDropped("relay", null, AtomicLong::get)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the object that counts dropped events, or its count function, is null; pass both");
        assertThatThrownBy(() -> metrics.listener((Chunking) null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("chunking is null; pass the Chunking the operations run with");
        assertThatThrownBy(() -> metrics.sink("recursive", null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the sink is null; pass the sink to instrument");
        assertThatThrownBy(() -> metrics.checkpoints(null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the checkpoint store is null; pass the store to instrument");
        assertThatThrownBy(() -> metrics.rateLimiter(null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the rate limiter is null; pass the limiter to instrument");
        assertThatThrownBy(() -> metrics.instrument(null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("the operation request is null; pass the request to instrument");
    }

    /** The listener of an instrumented request passes every event on to the request's own listener, whole and in order. */
    @Nested
    class AnInstrumentedRequestsListenerKeepsTheProgressListenerContract extends ProgressListenerContract {
        private final RecordingListener own = new RecordingListener();

        @Override
        protected ProgressListener listener() {
            return metrics.instrument(OperationRequest.builder(CollectionId.of("c"), DocumentId.of("d"), Chunking.recursive(500, 50),
                    DocumentSource.ofBytes("d", new byte[0]), chunk -> { }).listener(own).build()).listener();
        }

        @Override
        protected List<ProgressEvent> received() {
            return own.events();
        }
    }
}
