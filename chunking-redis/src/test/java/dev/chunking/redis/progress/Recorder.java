package dev.chunking.redis.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/** A handler that records what a subscription delivers, with helpers to make and await events. */
class Recorder implements ProgressSubscriber.Handler {
    /** One delivery: a state or an event. */
    record Delivery(OperationState state, ProgressEvent event) {
        long sequence() {
            return state != null ? state.sequence() : event.sequence();
        }

        boolean isFinal() {
            return OperationState.statusAfter(state != null ? state.lastEvent().kind() : event.kind()).isTerminal();
        }
    }

    private final List<Delivery> deliveries = new ArrayList<>();

    @Override
    public synchronized void onState(OperationState state) {
        deliveries.add(new Delivery(state, null));
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        deliveries.add(new Delivery(null, event));
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized List<Delivery> of(OperationId op) {
        return deliveries.stream().filter(d -> (d.state() != null ? d.state().operation() : d.event().operation()).equals(op)).toList();
    }

    /** Waits until the last delivery of an operation is its final one. */
    void awaitFinal(OperationId op) {
        // one snapshot per check: deliveries arrive meanwhile, so two calls of of(op) may see different lists
        await(() -> {
            List<Delivery> got = of(op);
            return !got.isEmpty() && got.get(got.size() - 1).isFinal();
        }, "the final event of " + op);
    }

    /** Asserts that every sequence number arrived once and in order, none skipped. */
    static void assertEveryOnce(List<Delivery> got, long from, long to) {
        List<Long> numbers = new ArrayList<>();
        for (Delivery d : got) {
            numbers.add(d.sequence());
        }
        List<Long> expected = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            expected.add(n);
        }
        assertThat(numbers).isEqualTo(expected);
        assertThat(got).noneMatch(d -> d.state() != null && d.state().eventsSkipped());
    }

    static ProgressEvent event(OperationId op, CollectionId collection, long sequence, ProgressEvent.Kind kind) {
        return new ProgressEvent(op, sequence, kind, Instant.ofEpochSecond(1_700_000_000L, sequence), collection, DocumentId.of("doc.md"),
                sequence * 1000, OptionalLong.of(1_000_000), sequence, sequence * 2.5,
                kind == ProgressEvent.Kind.FAILED ? Optional.of("failed at " + sequence) : Optional.empty());
    }

    static ProgressEvent event(OperationId op, long sequence, long last) {
        return event(op, CollectionId.of("c"), sequence, sequence == 1 ? ProgressEvent.Kind.STARTED
                : sequence == last ? ProgressEvent.Kind.COMPLETED : ProgressEvent.Kind.PROGRESS);
    }

    static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("waited 15 s for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
