package dev.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CheckpointStore} does: keeps one checkpoint per (collection, document) pair,
 * every field as saved; a save replaces the pair's checkpoint; the same document id in two
 * collections never shares one; a delete removes only its pair's; saves from several threads
 * leave one of the checkpoints saved, whole.
 *
 * <p>An implementation's test extends this class and implements {@link #store()}. Collections
 * come from {@link #collection(String)}, unique per instance, so a shared store (a database, a
 * Redis server) needs no cleaning between tests. Reuse it from another module through
 * {@code chunking-core}'s test-jar, as {@link RateLimiterContract} explains.
 */
public abstract class CheckpointStoreContract {
    private final String prefix = "contract-" + UUID.randomUUID() + "-";

    /**
     * Creates the store under test; it may hold other checkpoints, but none of this instance's collections.
     *
     * @return the store
     */
    protected abstract CheckpointStore store();

    /**
     * Returns a collection id unique to this test instance.
     *
     * @param name a readable suffix
     * @return the id
     */
    protected final CollectionId collection(String name) {
        return CollectionId.of(prefix + name);
    }

    /**
     * Builds a valid checkpoint of a pair, standing before chunk {@code nextIndex}.
     *
     * @param collection the collection
     * @param document the document
     * @param nextIndex the index of the next chunk
     * @return the checkpoint
     */
    public static Checkpoint checkpoint(CollectionId collection, DocumentId document, long nextIndex) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(100).overlap(10).build();
        SourceFingerprint source = new SourceFingerprint(4096, 1_700_000_000_000L, "a".repeat(64), "b".repeat(64));
        ResumePoint position = new ResumePoint(nextIndex * 90, nextIndex * 90, nextIndex * 90 + 10, nextIndex * 90 + 10,
                nextIndex, 0);
        return new Checkpoint(Checkpoint.FORMAT_VERSION, collection, document, "recursive", options, source, position,
                Map.of("host.note", "next " + nextIndex));
    }

    @Test
    void loadsNothingForAPairNeverSaved() {
        assertThat(store().load(collection("c"), DocumentId.of("never"))).isEmpty();
    }

    @Test
    void loadsEveryFieldOfTheCheckpointSaved() {
        CheckpointStore store = store();
        Checkpoint saved = checkpoint(collection("c"), DocumentId.of("d\u00e9j\u00e0 vu/\u6587\u6863.md"), 7);
        store.save(saved);
        assertThat(store.load(saved.collection(), saved.document())).contains(saved);
    }

    @Test
    void loadsTheStrategyStateOfAResumePointByteForByte() {
        CheckpointStore store = store();
        byte[] state = new byte[70_000]; // every byte value, and more than one buffer's worth
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) (i * 31 + i / 256);
        }
        Checkpoint plain = checkpoint(collection("c"), DocumentId.of("stateful.md"), 4);
        Checkpoint saved = new Checkpoint(plain.formatVersion(), plain.collection(), plain.document(), "markdown", plain.options(),
                plain.source(), plain.position().withState(state), plain.attributes());
        store.save(saved);
        Checkpoint loaded = store.load(saved.collection(), saved.document()).orElseThrow();
        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.position().state()).isEqualTo(state);
        store.save(plain); // a point without state replaces it and loads without state
        assertThat(store.load(saved.collection(), saved.document()).orElseThrow().position().hasState()).isFalse();
    }

    @Test
    void aSaveReplacesThePairsPreviousCheckpoint() {
        CheckpointStore store = store();
        CollectionId c = collection("c");
        store.save(checkpoint(c, DocumentId.of("d"), 1));
        store.save(checkpoint(c, DocumentId.of("d"), 2));
        assertThat(store.load(c, DocumentId.of("d"))).contains(checkpoint(c, DocumentId.of("d"), 2));
    }

    @Test
    void theSameDocumentIdInTwoCollectionsNeverSharesACheckpoint() {
        CheckpointStore store = store();
        DocumentId document = DocumentId.of("shared.md");
        CollectionId first = collection("first");
        CollectionId second = collection("second");
        store.save(checkpoint(first, document, 3));
        assertThat(store.load(second, document)).isEmpty();
        store.save(checkpoint(second, document, 9));
        assertThat(store.load(first, document)).contains(checkpoint(first, document, 3));
        assertThat(store.load(second, document)).contains(checkpoint(second, document, 9));
    }

    @Test
    void aDeleteRemovesOnlyItsOwnPairsCheckpoint() {
        CheckpointStore store = store();
        DocumentId document = DocumentId.of("d");
        CollectionId first = collection("first");
        CollectionId second = collection("second");
        store.save(checkpoint(first, document, 1));
        store.save(checkpoint(second, document, 2));
        store.save(checkpoint(first, DocumentId.of("other"), 3));
        store.delete(first, document);
        assertThat(store.load(first, document)).isEmpty();
        assertThat(store.load(second, document)).contains(checkpoint(second, document, 2));
        assertThat(store.load(first, DocumentId.of("other"))).contains(checkpoint(first, DocumentId.of("other"), 3));
        store.delete(first, document); // deleting what is not there does nothing
        assertThat(store.load(first, document)).isEmpty();
    }

    @Test
    void savesFromSeveralThreadsLeaveOneWholeCheckpointPerPair() throws Exception {
        CheckpointStore store = store();
        CollectionId c = collection("threads");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 1; i <= 25; i++) {
                        store.save(checkpoint(c, DocumentId.of("same"), thread * 100 + i));
                        store.save(checkpoint(c, DocumentId.of("own-" + thread), i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Optional<Checkpoint> same = store.load(c, DocumentId.of("same"));
        assertThat(same).isPresent();
        long next = same.get().position().nextIndex();
        assertThat(next % 100).isEqualTo(25); // the last save of one of the threads, whole
        assertThat(same).contains(checkpoint(c, DocumentId.of("same"), next));
        for (int t = 0; t < 4; t++) {
            assertThat(store.load(c, DocumentId.of("own-" + t))).contains(checkpoint(c, DocumentId.of("own-" + t), 25));
        }
    }
}
