package dev.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.ChunkSink;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every durable {@link ChunkSink} does: after {@link ChunkSink#commit} it holds exactly the
 * chunks it accepted, in index order, with their text and offsets unchanged; it is idempotent on
 * (collection, document, chunk index), so a resumed run that hands it the chunks after its
 * checkpoint again stores nothing twice; and it keeps the same document id of two collections
 * apart.
 *
 * <p>An implementation's test extends this class and implements {@link #sink(CollectionId)} and
 * {@link #stored(CollectionId, DocumentId)}. Collections come from {@link #collection(String)},
 * unique per instance, so a shared store needs no cleaning between tests. Reuse it from another
 * module through {@code chunking-core}'s test-jar, as {@link RateLimiterContract} explains.
 */
public abstract class ChunkSinkContract {
    private final String prefix = "contract-" + UUID.randomUUID() + "-";

    /**
     * Opens a sink that stores the chunks of a collection; each call may return a new instance
     * over the same storage, as a restarted process would.
     *
     * @param collection the collection the chunks belong to
     * @return the sink
     */
    protected abstract ChunkSink sink(CollectionId collection);

    /**
     * Reads back what the storage durably holds for a document, in index order.
     *
     * @param collection the collection
     * @param document the document
     * @return the stored chunks
     */
    protected abstract List<Chunk> stored(CollectionId collection, DocumentId document);

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
     * The chunks of a multilingual text of about 2 KB, as the recursive strategy cuts it.
     *
     * @param document the document id stamped on each chunk
     * @return the chunks, more than ten
     */
    public static List<Chunk> chunks(DocumentId document) {
        String text = ("Chunking keeps every character. \u00c9t\u00e9, na\u00efve caf\u00e9.\n"
                + "\u6587\u6863\u5206\u5757\u4fdd\u7559\u6bcf\u4e2a\u5b57\u7b26\u3002 \u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!\n"
                + "\ud83d\udc69\u200d\ud83d\udcbb writes; \ud83c\uddef\ud83c\uddf5 flags stay whole.\n\n").repeat(12);
        return Chunking.of("recursive", ChunkingOptions.builder().maxSize(120).overlap(20).build()).chunk(document, text);
    }

    /**
     * A checkpoint of a pair that covers the chunks before {@code nextIndex}.
     *
     * @param collection the collection
     * @param document the document
     * @param nextIndex the index of the first chunk it does not cover
     * @return the checkpoint
     */
    protected static Checkpoint covering(CollectionId collection, DocumentId document, long nextIndex) {
        return CheckpointStoreContract.checkpoint(collection, document, nextIndex);
    }

    private static void deliver(ChunkSink sink, List<Chunk> chunks, CollectionId collection) {
        chunks.forEach(sink::accept);
        DocumentId document = chunks.get(0).document();
        sink.commit(covering(collection, document, chunks.get(chunks.size() - 1).index() + 1));
    }

    @Test
    void holdsEveryCommittedChunkInIndexOrderWithTextAndOffsetsUnchanged() {
        CollectionId c = collection("c");
        DocumentId document = DocumentId.of("guide.md");
        List<Chunk> chunks = chunks(document);
        assertThat(chunks).hasSizeGreaterThan(10);
        deliver(sink(c), chunks, c);
        assertThat(stored(c, document)).isEqualTo(chunks);
    }

    @Test
    void storesNothingTwiceWhenAResumedRunHandsItTheChunksAfterItsCheckpointAgain() {
        CollectionId c = collection("c");
        DocumentId document = DocumentId.of("resumed.md");
        List<Chunk> chunks = chunks(document);
        int crash = chunks.size() / 2;
        deliver(sink(c), chunks.subList(0, crash + 1), c); // a run stored past its last checkpoint at crash - 3
        deliver(sink(c), chunks.subList(crash - 3, chunks.size()), c);
        assertThat(stored(c, document)).isEqualTo(chunks);
    }

    @Test
    void keepsTheSameDocumentIdOfTwoCollectionsApart() {
        CollectionId first = collection("first");
        CollectionId second = collection("second");
        DocumentId document = DocumentId.of("same.md");
        List<Chunk> chunks = chunks(document);
        deliver(sink(first), chunks, first);
        deliver(sink(second), chunks.subList(0, 3), second);
        assertThat(stored(first, document)).isEqualTo(chunks);
        assertThat(stored(second, document)).isEqualTo(chunks.subList(0, 3));
    }
}
