package dev.chunking.streaming.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkRefusedException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.spi.DocumentSource;
import dev.chunking.testing.TransactionalMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A store that is both the sink and the checkpoint store commits the chunks handed to it and the
 * checkpoint covering them as one unit: whatever step of the run fails (an accept, any write of
 * a commit, a save), the committed chunks are exactly those before the committed checkpoint, and
 * the run resumed from there completes the document with every chunk once.
 */
class ChunksAndCheckpointCommitTogetherTest {
    private static final CollectionId COLLECTION = CollectionId.of("commit-together");
    private static final DocumentId DOCUMENT = DocumentId.of("doc\u00e9.md");
    private static final Chunking RECURSIVE = Chunking.of("recursive", ChunkingOptions.builder().maxSize(60).overlap(12).build());
    private static final byte[] TEXT = ("Every chunk and its checkpoint commit together. \u6587\u6863\u3002 \u00c9t\u00e9!\n\n"
            + "A crash at any step leaves them agreeing. \ud83d\udc69\u200d\ud83d\udcbb\n").repeat(20).getBytes(StandardCharsets.UTF_8);
    private static final List<Chunk> ALL = RECURSIVE.chunk(DOCUMENT, new String(TEXT, StandardCharsets.UTF_8));

    private static OperationResult run(TransactionalMemoryStore store, int bufferSize, int everyChunks) {
        try (ChunkingOperations operations = ChunkingOperations.builder().executor(Runnable::run).build()) {
            return operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, RECURSIVE, DocumentSource.ofBytes("doc", TEXT), store)
                    .checkpoints(store)
                    .options(OperationOptions.builder().bufferSize(bufferSize).checkpointEveryChunks(everyChunks).build())
                    .build());
        }
    }

    /** The committed chunks are exactly those the committed checkpoint covers, never one more or fewer. */
    private static void assertCommittedAgreeWithCheckpoint(TransactionalMemoryStore store) {
        Optional<Checkpoint> checkpoint = store.load(COLLECTION, DOCUMENT);
        long covered = checkpoint.map(c -> c.position().nextIndex()).orElse(0L);
        assertThat(store.committed(COLLECTION, DOCUMENT)).isEqualTo(ALL.subList(0, (int) covered));
    }

    private static void crashAtStepThenResume(int step, int bufferSize, int everyChunks) {
        TransactionalMemoryStore store = new TransactionalMemoryStore();
        store.failAt(step);
        OperationResult crashed = run(store, bufferSize, everyChunks);
        assertThat(crashed.status()).as("step %d", step).isEqualTo(OperationStatus.FAILED);
        store.crash();
        assertCommittedAgreeWithCheckpoint(store);

        boolean completed = store.load(COLLECTION, DOCUMENT).map(c -> c.attributes().containsKey("chunking.completed")).orElse(false);
        OperationResult resumed = run(store, bufferSize, everyChunks);
        if (completed) { // the crash came after the last commit: everything is stored, and a rerun says so instead of resuming
            assertThat(resumed.failure()).get().isInstanceOf(CheckpointMismatchException.class);
        } else {
            assertThat(resumed.status()).as("resumed after step %d: %s", step, resumed.failure()).isEqualTo(OperationStatus.COMPLETED);
        }
        assertThat(store.committed(COLLECTION, DOCUMENT)).as("step %d", step).isEqualTo(ALL);
        assertCommittedAgreeWithCheckpoint(store);
    }

    @Test
    void aCrashAtEveryStepOfTheRunLeavesChunksAndCheckpointInAgreementAndTheResumedRunCompletesIt() {
        assertThat(ALL).hasSizeGreaterThan(30);
        TransactionalMemoryStore clean = new TransactionalMemoryStore();
        assertThat(run(clean, 97, 3).status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(clean.committed(COLLECTION, DOCUMENT)).isEqualTo(ALL);
        long steps = clean.steps();
        OperationResult again = run(clean, 97, 3); // the checkpoint of a completed run: refused, not resumed at the end
        assertThat(again.failure()).get().isInstanceOf(CheckpointMismatchException.class);
        assertThat(clean.committed(COLLECTION, DOCUMENT)).isEqualTo(ALL);
        assertThat(steps).isGreaterThan(2L * ALL.size()); // every accept, every write of every commit, every save
        for (int step = 1; step <= steps; step++) {
            crashAtStepThenResume(step, 97, 3);
        }
    }

    @Property(tries = 40)
    void aCrashAtAnyStepAgreesForAnyBufferSizeAndCheckpointInterval(@ForAll @IntRange(min = 1, max = 700) int bufferSize,
                                                                      @ForAll @IntRange(min = 1, max = 12) int everyChunks,
                                                                      @ForAll @IntRange(min = 1, max = 400) int step) {
        TransactionalMemoryStore clean = new TransactionalMemoryStore();
        run(clean, bufferSize, everyChunks);
        crashAtStepThenResume((int) (1 + (step - 1) % clean.steps()), bufferSize, everyChunks);
    }

    @Test
    void aSinkThatRefusesAChunkStopsTheRunAtTheLastCommittedCheckpointAndTheRunGoesOnOnceItAccepts() {
        TransactionalMemoryStore store = new TransactionalMemoryStore();
        store.refuse(17);
        OperationResult refused = run(store, 64, 4);
        assertThat(refused.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(refused.failure()).get().isInstanceOf(ChunkRefusedException.class).extracting(Throwable::getMessage)
                .isEqualTo("document doc\u00e9.md, chunk 17: refused by the test store; stop refusing it to go on");
        store.crash();
        assertCommittedAgreeWithCheckpoint(store);
        assertThat(store.load(COLLECTION, DOCUMENT)).get().extracting(c -> c.position().nextIndex()).isInstanceOfSatisfying(Long.class,
                next -> assertThat(next).isBetween(1L, 17L)); // checkpoints came before the refusal, none past it

        store.refuse(-1);
        assertThat(run(store, 64, 4).status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(store.committed(COLLECTION, DOCUMENT)).isEqualTo(ALL);
    }
}
