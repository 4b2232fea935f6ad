package dev.chunking.streaming.operation;

import static dev.chunking.streaming.operation.ChunkingOperationsTest.COLLECTION;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.DOCUMENT;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.WAIT;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.recursive;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.DocumentSource;
import dev.chunking.testing.HookedSource;
import dev.chunking.testing.MemoryCheckpointStore;
import dev.chunking.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What happens when something goes wrong around an operation: errors, refusals, closing, stuck listeners, races. */
class OperationFailureModesTest {
    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anErrorFromTheSinkEndsTheOperationAsFailedInsteadOfLeavingItRunning() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("d", text(50)),
                    chunk -> {
                        throw new AssertionError("sink invariant broken");
                    }).listener(listener).build());
            OperationResult result = op.completion().get(30, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(result.failure().orElseThrow()).isInstanceOf(AssertionError.class);
            assertThat(listener.awaitEnd(WAIT)).extracting(ProgressEvent::kind)
                    .containsExactly(ProgressEvent.Kind.STARTED, ProgressEvent.Kind.FAILED);
        }
    }

    @Test
    void anExecutorThatRefusesFailsEveryWaitingOperationWithItsEventAndKeepsNoSlot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        Executor refusing = task -> {
            if (accepted.getAndIncrement() > 0) {
                throw new RejectedExecutionException("pool shut down");
            }
            new Thread(task).start();
        };
        List<Operation> waiting = new ArrayList<>();
        AtomicInteger failedEvents = new AtomicInteger();
        try (ChunkingOperations operations = ChunkingOperations.builder().executor(refusing).maxConcurrent(1).build()) {
            Operation first = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                    new HookedSource(text(5), at -> await(release)), c -> { }).build());
            for (int i = 0; i < 3000; i++) {
                waiting.add(operations.submit(OperationRequest.builder(COLLECTION, DocumentId.of("w" + i), recursive(100),
                        DocumentSource.ofBytes("w", text(1)), c -> { }).listener(event -> {
                            if (event.kind() == ProgressEvent.Kind.FAILED && event.sequence() == 1) {
                                failedEvents.incrementAndGet();
                            }
                        }).build()));
            }
            release.countDown();
            assertThat(first.completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(OperationStatus.COMPLETED);
            for (Operation op : waiting) {
                OperationResult result = op.completion().get(30, TimeUnit.SECONDS);
                assertThat(result.status()).isEqualTo(OperationStatus.FAILED);
                assertThat(result.failure().orElseThrow()).hasMessage("pool shut down");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (failedEvents.get() < waiting.size() && System.nanoTime() < deadline) {
                Thread.sleep(10); // events go out on the delivery threads
            }
            assertThat(failedEvents.get()).isEqualTo(waiting.size());
        }
    }

    @Test
    void closingLetsRunningOperationsFinishAndDeliversTheirFinalEventsThenRefusesNewOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener();
        ChunkingOperations operations = ChunkingOperations.builder().build();
        Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                new HookedSource(text(20), at -> await(release)), c -> { }).listener(listener).build());
        operations.close();
        release.countDown();
        assertThat(op.completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(listener.awaitEnd(WAIT).get(listener.events().size() - 1).kind()).isEqualTo(ProgressEvent.Kind.COMPLETED);
        OperationRequest another = OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("d", text(1)),
                c -> { }).build();
        assertThatThrownBy(() -> operations.submit(another)).isInstanceOf(ServiceClosedException.class)
                .hasMessage("the operation service is closed; submit to an open one");
        assertThatThrownBy(() -> operations.run(another)).isInstanceOf(ServiceClosedException.class)
                .hasMessage("the operation service is closed; run on an open one");
    }

    @Test
    void aStuckListenerDelaysOnlyTheEventsOfItsOwnOperation() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener other = new RecordingListener();
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            operations.submit(OperationRequest.builder(COLLECTION, DocumentId.of("a"), recursive(100), DocumentSource.ofBytes("a", text(20)),
                    c -> { }).listener(event -> await(release)).build());
            Operation b = operations.submit(OperationRequest.builder(COLLECTION, DocumentId.of("b"), recursive(100),
                    DocumentSource.ofBytes("b", text(20)), c -> { }).listener(other).build());
            assertThat(b.completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(other.awaitEnd(WAIT).get(other.events().size() - 1).kind()).isEqualTo(ProgressEvent.Kind.COMPLETED);
            release.countDown();
        }
    }

    @Test
    void eventNumbersNeverRepeatWhenAFailedOperationIsRetriedFromItsCheckpoint() throws Exception {
        byte[] bytes = text(400);
        Chunking chunking = recursive(120);
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        OperationOptions options = OperationOptions.builder().bufferSize(512).checkpointEveryChunks(5).build();
        List<Chunk> chunks = new ArrayList<>();
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        int[] accepted = {0};
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            OperationResult failed = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, chunking, DocumentSource.ofBytes("d", bytes),
                    chunk -> {
                        if (++accepted[0] == 40) {
                            throw new IllegalStateException("sink down");
                        }
                        chunks.add(chunk);
                    }).listener(first).checkpoints(store).options(options).build());
            assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
            List<Chunk> kept = new ArrayList<>(chunks.subList(0, (int) store.load(COLLECTION, DOCUMENT).orElseThrow().position().nextIndex()));
            OperationResult resumed = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, chunking, DocumentSource.ofBytes("d", bytes),
                    kept::add).listener(second).checkpoints(store).options(options).build());
            assertThat(resumed.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(kept).isEqualTo(chunking.chunk(DOCUMENT, new String(bytes, StandardCharsets.UTF_8)));
        }
        List<ProgressEvent> all = new ArrayList<>(first.awaitEnd(WAIT));
        all.addAll(second.awaitEnd(WAIT));
        assertThat(all).extracting(ProgressEvent::sequence).containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
    }

    @Test
    void aRefusedCheckpointAndACancelWhilePendingAreNumberedOnFromTheCheckpoint() throws Exception {
        byte[] bytes = text(200);
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        RecordingListener first = new RecordingListener();
        RecordingListener refused = new RecordingListener();
        RecordingListener pending = new RecordingListener();
        CountDownLatch release = new CountDownLatch(1);
        try (ChunkingOperations operations = ChunkingOperations.builder().maxConcurrent(1).build()) {
            Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("d", bytes),
                    c -> { }).listener(first).checkpoints(store).options(OperationOptions.builder().bufferSize(256).build()).build());
            op.cancel();
            long last = first.awaitEnd(WAIT).get(first.events().size() - 1).sequence();

            operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(90), DocumentSource.ofBytes("d", bytes), c -> { })
                    .listener(refused).checkpoints(store).build());
            assertThat(refused.awaitEnd(WAIT)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ProgressEvent.Kind.FAILED);
                assertThat(e.sequence()).isEqualTo(last + 1);
                assertThat(e.failure().orElseThrow()).contains("the checkpoint was taken with options");
            });

            operations.submit(OperationRequest.builder(COLLECTION, DocumentId.of("blocker"), recursive(100),
                    new HookedSource(text(5), at -> await(release)), c -> { }).build());
            Operation waiting = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                    DocumentSource.ofBytes("d", bytes), c -> { }).listener(pending).checkpoints(store).build());
            assertThat(waiting.status()).isEqualTo(OperationStatus.PENDING);
            waiting.cancel();
            release.countDown();
            assertThat(pending.awaitEnd(WAIT)).singleElement().satisfies(e -> assertThat(e.sequence()).isEqualTo(last + 2));
        }
    }

    @Test
    void cancellingWhileASlotIsHandedOverNeverLosesTheSlotOrTheOutcome() throws Exception {
        try (ChunkingOperations operations = ChunkingOperations.builder().maxConcurrent(1).build()) {
            for (int i = 0; i < 300; i++) {
                Operation running = operations.submit(OperationRequest.builder(COLLECTION, DocumentId.of("r" + i), recursive(100),
                        DocumentSource.ofBytes("r", text(2)), c -> { }).build());
                RecordingListener listener = new RecordingListener();
                Operation next = operations.submit(OperationRequest.builder(COLLECTION, DocumentId.of("n" + i), recursive(100),
                        DocumentSource.ofBytes("n", text(2)), c -> { }).listener(listener).build());
                next.cancel();
                assertThat(running.completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(OperationStatus.COMPLETED);
                OperationStatus end = next.completion().get(30, TimeUnit.SECONDS).status();
                List<ProgressEvent> events = listener.awaitEnd(WAIT);
                assertThat(end).isIn(OperationStatus.CANCELLED, OperationStatus.COMPLETED);
                assertThat(events).extracting(ProgressEvent::sequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
                assertThat(events).filteredOn(e -> e.kind() != ProgressEvent.Kind.PROGRESS && e.kind() != ProgressEvent.Kind.STARTED)
                        .hasSize(1);
            }
        }
    }

    @Test
    void refusesCheckpointAttributesThatAreNullOrUseTheReservedName() throws Exception {
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            for (Map<String, String> attributes : Arrays.asList(null, Map.of(OperationRun.NEXT_SEQUENCE, "7"))) {
                OperationResult result = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                        DocumentSource.ofBytes("d", text(3)), c -> { }).checkpoints(new MemoryCheckpointStore())
                        .checkpointAttributes(() -> attributes).build());
                assertThat(result.failure().orElseThrow()).isInstanceOf(InvalidOptionsException.class)
                        .hasMessageEndingWith("; return a map of the host's own names from checkpointAttributes");
            }
        }
    }

    @Test
    void aPreviewReadsAtMostItsByteLimitAndOneByteToSeeWhetherTheSourceEnds() throws Exception {
        int[] pulled = {0};
        HookedSource source = new HookedSource(text(10), at -> pulled[0] = (int) at);
        Preview.Result preview = Preview.of(Chunking.of("recursive", ChunkingOptions.defaults()), DOCUMENT, source, 10, 1);
        assertThat(preview.bytesRead()).isEqualTo(1);
        assertThat(pulled[0]).isLessThanOrEqualTo(2);
        assertThat(preview.wholeDocument()).isFalse();
    }
}
