package dev.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProgressListener} does: it takes every kind of event and passes on (records,
 * publishes) each one whole and in the order of its operation's sequence numbers, failures with
 * their message; and it takes the events of several operations from several threads at once,
 * as the operation service calls a listener given to several operations.
 *
 * <p>An implementation's test extends this class and implements {@link #listener()} and
 * {@link #received()}. Reuse it from another module through {@code chunking-core}'s test-jar,
 * as {@link RateLimiterContract} explains.
 */
public abstract class ProgressListenerContract {
    /**
     * Creates the listener under test.
     *
     * @return a listener that has seen no event
     */
    protected abstract ProgressListener listener();

    /**
     * Returns what the listener under test passed on so far (recorded, published and read back), in order.
     *
     * @return the events
     */
    protected abstract List<ProgressEvent> received();

    /**
     * Builds the event numbered {@code sequence} of an operation.
     *
     * @param operation the operation
     * @param sequence its number, from 1
     * @param kind what it reports
     * @return the event
     */
    protected static ProgressEvent event(OperationId operation, long sequence, ProgressEvent.Kind kind) {
        return new ProgressEvent(operation, sequence, kind, Instant.ofEpochSecond(1_700_000_000L, sequence),
                CollectionId.of("c"), DocumentId.of("d\u00e9j\u00e0.md"), sequence * 1000, OptionalLong.of(100_000), sequence * 3,
                sequence * 1.5, kind == ProgressEvent.Kind.FAILED ? Optional.of("disk full at byte " + sequence) : Optional.empty());
    }

    @Test
    void passesOnEveryKindOfEventWholeAndInOrder() {
        ProgressListener listener = listener();
        OperationId operation = OperationId.generate();
        List<ProgressEvent> sent = new ArrayList<>();
        long sequence = 0;
        for (ProgressEvent.Kind kind : ProgressEvent.Kind.values()) {
            sent.add(event(operation, ++sequence, kind));
        }
        sent.forEach(listener::onEvent);
        assertThat(received()).isEqualTo(sent);
        assertThat(received()).filteredOn(e -> e.kind() == ProgressEvent.Kind.FAILED)
                .allSatisfy(e -> assertThat(e.failure()).hasValueSatisfying(m -> assertThat(m).startsWith("disk full")));
    }

    @Test
    void takesTheEventsOfSeveralOperationsFromSeveralThreadsAtOnce() throws Exception {
        ProgressListener listener = listener();
        List<OperationId> operations = List.of(OperationId.generate(), OperationId.generate(), OperationId.generate(),
                OperationId.generate());
        ExecutorService pool = Executors.newFixedThreadPool(operations.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (OperationId operation : operations) {
                done.add(pool.submit(() -> {
                    for (long n = 1; n <= 200; n++) {
                        listener.onEvent(event(operation, n, n == 200 ? ProgressEvent.Kind.COMPLETED : ProgressEvent.Kind.PROGRESS));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        var byOperation = received().stream().collect(Collectors.groupingBy(ProgressEvent::operation));
        assertThat(byOperation.keySet()).containsExactlyInAnyOrderElementsOf(operations);
        byOperation.values().forEach(events -> assertThat(events).extracting(ProgressEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList()));
    }
}
