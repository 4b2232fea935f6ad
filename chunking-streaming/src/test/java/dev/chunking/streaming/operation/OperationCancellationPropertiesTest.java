package dev.chunking.streaming.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.testing.HookedSource;
import dev.chunking.testing.MemoryCheckpointStore;
import dev.chunking.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Cancelling a running operation at a random point of a large input: it stops within one
 * buffer, leaves a checkpoint that resumes it, the resumed run completes with exactly the
 * chunks an uninterrupted run emits, and its events go on numbering where the first run's
 * stopped, without a gap or a repeat.
 */
class OperationCancellationPropertiesTest {
    private static final CollectionId COLLECTION = CollectionId.of("c");
    private static final DocumentId DOCUMENT = DocumentId.of("big");

    private static byte[] document(long seed) {
        Random random = new Random(seed);
        String[] words = {"alpha", "beta", "caf\u00e9", "\u6f22\u5b57", "\ud83d\ude00", "e\u0301", "gamma.", "delta,", "\u0434\u0430"};
        StringBuilder b = new StringBuilder();
        while (b.length() < 120_000) {
            b.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? "\n\n" : random.nextInt(6) == 0 ? "\n" : " ");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 40)
    void cancelledAtARandomPointStopsWithinOneBufferAndResumesToTheSameChunks(@ForAll long seed,
            @ForAll @IntRange(min = 64, max = 16384) int bufferSize, @ForAll @IntRange(min = 1, max = 119_000) int cancelAt,
            @ForAll @IntRange(min = 20, max = 600) int maxSize) throws Exception {
        byte[] bytes = document(seed);
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(maxSize).overlap(maxSize / 4).build());
        List<Chunk> expected = chunking.chunk(DOCUMENT, new String(bytes, StandardCharsets.UTF_8));
        OperationOptions options = OperationOptions.builder().bufferSize(bufferSize).checkpointEveryChunks(7).progressInterval(Duration.ZERO)
                .build();
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        AtomicReference<Operation> running = new AtomicReference<>();
        long[] requestedAt = {-1};
        HookedSource source = new HookedSource(bytes, at -> {
            if (requestedAt[0] < 0 && at >= cancelAt) {
                requestedAt[0] = at;
                running.get().cancel();
            }
        });
        List<Chunk> chunks = new ArrayList<>();
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            OperationRequest request = OperationRequest.builder(COLLECTION, DOCUMENT, chunking, source, chunks::add)
                    .id(OperationId.of("op")).listener(first).checkpoints(store).options(options).build();
            Operation op = new Operation(request, o -> { });
            running.set(op);
            op.moveTo(OperationStatus.RUNNING);
            RunEnvironment environment = RunEnvironment.plain(new EventDelivery(EventDelivery.DEFAULT_LOGGER));
            OperationResult stopped = new OperationRun(op, environment, Long.MAX_VALUE, Long.MAX_VALUE).run();
            List<ProgressEvent> firstEvents = first.awaitEnd(Duration.ofSeconds(30));

            assertThat(stopped.status()).isEqualTo(OperationStatus.CANCELLED);
            assertThat(stopped.bytes() - requestedAt[0]).isLessThanOrEqualTo(bufferSize); // within one buffer of the request
            Checkpoint last = store.load(COLLECTION, DOCUMENT).orElseThrow();
            assertThat(last.position().nextIndex()).isEqualTo(chunks.size()); // every chunk before it was handed over
            assertThat(firstEvents.get(firstEvents.size() - 2).kind()).isEqualTo(ProgressEvent.Kind.CHECKPOINT);
            assertThat(firstEvents.get(firstEvents.size() - 1).kind()).isEqualTo(ProgressEvent.Kind.CANCELLED);

            requestedAt[0] = Long.MAX_VALUE; // no more cancelling
            OperationResult resumed = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, chunking, source, chunks::add)
                    .id(OperationId.of("op")).listener(second).checkpoints(store).options(options).build());
            List<ProgressEvent> secondEvents = second.awaitEnd(Duration.ofSeconds(30));

            assertThat(resumed.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(chunks).isEqualTo(expected);
            List<ProgressEvent> all = new ArrayList<>(firstEvents);
            all.addAll(secondEvents);
            assertThat(all).extracting(ProgressEvent::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
            assertThat(secondEvents.get(0).kind()).isEqualTo(ProgressEvent.Kind.STARTED);
            assertThat(secondEvents.get(0).chunks()).isEqualTo(last.position().nextIndex());
        }
    }
}
