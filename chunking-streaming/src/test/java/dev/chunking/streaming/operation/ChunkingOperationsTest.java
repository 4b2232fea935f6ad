package dev.chunking.streaming.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.domain.ResumeUnsupportedException;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.DocumentSource;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.testing.HookedSource;
import dev.chunking.testing.MemoryCheckpointStore;
import dev.chunking.testing.NonResumableStrategy;
import dev.chunking.testing.RecordingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Operations end to end: events and their numbers, failures, listeners, throttling and the concurrency limit. */
class ChunkingOperationsTest {
    static final CollectionId COLLECTION = CollectionId.of("docs");
    static final DocumentId DOCUMENT = DocumentId.of("doc-1");
    static final Duration WAIT = Duration.ofSeconds(30);

    static Chunking recursive(int max) {
        return Chunking.of("recursive", ChunkingOptions.builder().maxSize(max).overlap(max / 5).build());
    }

    static byte[] text(int paragraphs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < paragraphs; i++) {
            b.append("Paragraph ").append(i).append(" has a few words, caf\u00e9 and \u6f22\u5b57. Another sentence follows here.\n\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static OperationOptions buffers(int size) {
        return OperationOptions.builder().bufferSize(size).build();
    }

    @Test
    void runsAnOperationToCompletionWithEventsNumberedFromOneWithoutGaps() throws Exception {
        byte[] bytes = text(300);
        List<Chunk> chunks = new ArrayList<>();
        RecordingListener listener = new RecordingListener();
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(200),
                    DocumentSource.ofBytes("doc", bytes), chunks::add).id(OperationId.of("op-1")).listener(listener)
                    .options(OperationOptions.builder().bufferSize(1024).progressInterval(Duration.ZERO).build()).build());
            OperationResult result = op.completion().get(30, TimeUnit.SECONDS);
            List<ProgressEvent> events = listener.awaitEnd(WAIT);

            assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(op.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(chunks).isEqualTo(recursive(200).chunk(DOCUMENT, new String(bytes, StandardCharsets.UTF_8)));
            assertThat(events).extracting(ProgressEvent::sequence).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.get(0).kind()).isEqualTo(ProgressEvent.Kind.STARTED);
            assertThat(events.get(events.size() - 1).kind()).isEqualTo(ProgressEvent.Kind.COMPLETED);
            assertThat(events.get(events.size() - 1).chunks()).isEqualTo(chunks.size());
            assertThat(events.get(events.size() - 1).percent()).hasValue(100.0);
            assertThat(events).filteredOn(e -> e.kind() == ProgressEvent.Kind.PROGRESS).hasSizeGreaterThan(10)
                    .allSatisfy(e -> assertThat(e.operation()).isEqualTo(OperationId.of("op-1")));
            assertThat(result.lastSequence()).isEqualTo(events.size());
            assertThat(op.cancel()).isFalse();
            assertThat(op.status()).isEqualTo(OperationStatus.COMPLETED);
        }
    }

    @Test
    void aFailingSinkEndsTheOperationAsFailedWithTheCauseAndTheOffsetReached() throws Exception {
        byte[] bytes = text(200);
        RecordingListener listener = new RecordingListener();
        IllegalStateException boom = new IllegalStateException("disk full");
        int[] accepted = {0};
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("doc", bytes),
                    chunk -> {
                        if (++accepted[0] == 5) {
                            throw boom;
                        }
                    }).listener(listener).options(buffers(512)).build());
            OperationResult result = op.completion().get(30, TimeUnit.SECONDS);
            List<ProgressEvent> events = listener.awaitEnd(WAIT);

            assertThat(result.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(result.failure()).containsSame(boom);
            ProgressEvent failed = events.get(events.size() - 1);
            assertThat(failed.kind()).isEqualTo(ProgressEvent.Kind.FAILED);
            assertThat(failed.failure()).hasValue("disk full");
            assertThat(failed.bytesDone()).isEqualTo(result.bytes()).isPositive().isLessThan(bytes.length);
            assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
        }
    }

    @Test
    void aFailingSourceEndsTheOperationAsFailedNeverHalfSilently() throws Exception {
        byte[] bytes = text(200);
        RecordingListener listener = new RecordingListener();
        HookedSource source = new HookedSource(bytes, at -> {
            if (at > 4000) {
                throw new UncheckedIOException(new IOException("connection reset"));
            }
        });
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            OperationResult result = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), source, c -> { })
                    .listener(listener).options(buffers(1000)).build());
            List<ProgressEvent> events = listener.awaitEnd(WAIT);
            assertThat(result.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(result.failure().orElseThrow()).hasMessageContaining("connection reset");
            assertThat(events.get(events.size() - 1).failure().orElseThrow()).contains("connection reset");
        }
    }

    @Test
    void aListenerThatThrowsOnEveryEventChangesNothingAndIsCounted() throws Exception {
        byte[] bytes = text(300);
        List<Chunk> chunks = new ArrayList<>();
        AtomicLong calls = new AtomicLong();
        CountDownLatch last = new CountDownLatch(1);
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(150), DocumentSource.ofBytes("doc", bytes),
                    chunks::add).listener(event -> {
                        calls.incrementAndGet();
                        if (event.kind() == ProgressEvent.Kind.COMPLETED) {
                            last.countDown();
                        }
                        throw new IllegalStateException("listener bug");
                    }).options(OperationOptions.builder().bufferSize(700).progressInterval(Duration.ZERO).build()).build());
            OperationResult result = op.completion().get(30, TimeUnit.SECONDS);
            assertThat(last.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(chunks).isEqualTo(recursive(150).chunk(DOCUMENT, new String(bytes, StandardCharsets.UTF_8)));
            assertThat(calls.get()).isEqualTo(result.lastSequence()).isGreaterThan(5);
            assertThat(op.listenerFailures()).isEqualTo(calls.get());
        }
    }

    @Test
    void aListenerThatNeverReturnsDoesNotStallChunking() throws Exception {
        byte[] bytes = text(500);
        CountDownLatch release = new CountDownLatch(1);
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(150), DocumentSource.ofBytes("doc", bytes),
                    c -> { }).listener(event -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }).options(OperationOptions.builder().bufferSize(256).progressInterval(Duration.ZERO).build()).build());
            OperationResult result = op.completion().get(30, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(result.bytes()).isEqualTo(bytes.length);
            // progress events stop being made once the listener is far behind; state changes are still numbered in order
            assertThat(result.lastSequence()).isLessThanOrEqualTo(EventDelivery.MAX_BACKLOG + 3L);
            release.countDown();
        }
    }

    @Test
    void throttlesProgressEventsByTheInjectedClock() throws Exception {
        byte[] bytes = text(100);
        AtomicLong now = new AtomicLong();
        RecordingListener listener = new RecordingListener();
        HookedSource source = new HookedSource(bytes, at -> now.addAndGet(100_000_000L)); // each read takes 100 ms
        try (ChunkingOperations operations = ChunkingOperations.builder().nanoTime(now::get).build()) {
            OperationResult result = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), source, c -> { })
                    .listener(listener).options(OperationOptions.builder().bufferSize(100).build()).build());
            List<ProgressEvent> progress = listener.awaitEnd(WAIT).stream().filter(e -> e.kind() == ProgressEvent.Kind.PROGRESS).toList();

            long reads = (bytes.length - 3 + 99) / 100; // after the 3 bytes that decide about a byte order mark
            assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(progress).hasSize((int) ((reads - 1) / 3)); // one every third read of 100 ms, never closer than 250 ms
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i).bytesDone() - progress.get(i - 1).bytesDone()).isEqualTo(300);
            }
            assertThat(progress.get(0).bytesDone()).isEqualTo(303);
            assertThat(progress.get(0).bytesPerSecond()).isEqualTo(757.5); // 303 bytes in four reads of 100 ms
            assertThat(progress.get(0).eta()).hasValue(Duration.ofNanos((long) ((bytes.length - 303) / 757.5 * 1e9)));
        }
    }

    @Test
    void sendsAProgressEventEveryConfiguredNumberOfBytesWhenTheClockStandsStill() throws Exception {
        byte[] bytes = text(100);
        RecordingListener listener = new RecordingListener();
        try (ChunkingOperations operations = ChunkingOperations.builder().nanoTime(() -> 42L).build()) {
            operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("doc", bytes), c -> { })
                    .listener(listener).options(OperationOptions.builder().bufferSize(100).progressEveryBytes(400).build()).build());
            List<ProgressEvent> progress = listener.awaitEnd(WAIT).stream().filter(e -> e.kind() == ProgressEvent.Kind.PROGRESS).toList();
            assertThat(progress).isNotEmpty().allSatisfy(e -> assertThat((e.bytesDone() - 3) % 400).isZero());
            assertThat(progress).hasSize((int) ((bytes.length - 3) / 400) - ((bytes.length - 3) % 400 == 0 ? 1 : 0));
        }
    }

    @Test
    void runsAtMostTheConfiguredNumberAtOnceAndTheRestWaitInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        byte[] bytes = text(20);
        List<Operation> ops = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        try (ChunkingOperations operations = ChunkingOperations.builder().maxConcurrent(2).maxQueued(3).build()) {
            for (int i = 0; i < 5; i++) {
                HookedSource blocking = new HookedSource(bytes, at -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                listeners.add(new RecordingListener());
                ops.add(operations.submit(OperationRequest.builder(COLLECTION, DocumentId.of("d" + i), recursive(100), blocking, c -> { })
                        .listener(listeners.get(i)).build()));
            }
            assertThat(ops).extracting(Operation::status).containsExactly(OperationStatus.RUNNING, OperationStatus.RUNNING,
                    OperationStatus.PENDING, OperationStatus.PENDING, OperationStatus.PENDING);
            assertThatThrownBy(() -> operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                    DocumentSource.ofBytes("x", bytes), c -> { }).build())).isInstanceOf(QueueFullException.class)
                    .hasMessage("3 operations already wait, the limit of maxQueued; raise maxQueued or submit when some have finished");

            assertThat(ops.get(3).cancel()).isTrue();
            assertThat(ops.get(3).status()).isEqualTo(OperationStatus.CANCELLED);
            assertThat(ops.get(3).completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(OperationStatus.CANCELLED);

            release.countDown();
            for (int i : new int[] {0, 1, 2, 4}) {
                assertThat(ops.get(i).completion().get(30, TimeUnit.SECONDS).status()).isEqualTo(OperationStatus.COMPLETED);
            }
            assertThat(listeners.get(3).awaitEnd(WAIT)).singleElement() // it never started: one event, numbered 1
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(ProgressEvent.Kind.CANCELLED))
                    .satisfies(e -> assertThat(e.sequence()).isEqualTo(1));
            assertThat(listeners.get(4).awaitEnd(WAIT).get(0).kind()).isEqualTo(ProgressEvent.Kind.STARTED);
        }
    }

    @Test
    void refusesACheckpointStoreForAStrategyThatCannotResume() {
        ChunkingStrategy plain = new NonResumableStrategy(); // a plugin that keeps the default: it cannot resume
        Chunking chunking = Chunking.of(plain, ChunkingOptions.builder().maxSize(100).overlap(0).build(), new CodePointCounter());
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            assertThatThrownBy(() -> operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, chunking,
                    DocumentSource.ofBytes("x", text(1)), c -> { }).checkpoints(new MemoryCheckpointStore()).build()))
                    .isInstanceOf(ResumeUnsupportedException.class)
                    .hasMessage("strategy 'plain' cannot resume from a checkpoint; submit it without a checkpoint store");
        }
    }
}
