package dev.chunking.postgres;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkRefusedException;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.internal.CheckpointRows;
import dev.chunking.postgres.internal.CopyRows;
import dev.chunking.postgres.internal.DocumentRuns;
import dev.chunking.postgres.internal.Transactions;
import dev.chunking.spi.ChunkSink;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ChunkSink} of one collection in a {@link PostgresChunkStore}: it stages chunks and
 * writes them in batches, one {@code COPY} per batch into the collection's partition, each batch
 * in one transaction; {@link #commit} writes the staged chunks and the checkpoint that covers them
 * in the same transaction, so after a crash the stored chunks and the checkpoint agree.
 *
 * <p>A run of a document writes a new chunk set that readers do not see until the run completes:
 * {@link #complete(DocumentId)}, or a {@link #commit} of a checkpoint marked
 * {@value Checkpoint#COMPLETED_ATTRIBUTE} (the operations layer marks a run's last one so). The
 * transaction that completes it makes it the document's chunk set and deletes the previous one,
 * so re-chunking a document with other options replaces its chunks atomically, and writing the
 * same document twice leaves one row per chunk. A run whose first chunk is not chunk 0 continues
 * the document's interrupted run (a resumed run after its checkpoint), replacing what that run
 * stored from there on, so nothing is stored twice and nothing is missing.
 *
 * <p>Chunks must come in index order, without gaps, as a chunker emits them; the chunks of several
 * documents may follow each other. A lost connection fails the batch whole and runs it again with
 * backoff ({@link PostgresStoreOptions#attempts()}); other failures throw a
 * {@link ChunkingException} and the run stops. Not thread-safe: one writer per run, as a chunker
 * calls its sink from one thread; one run per document at a time (a second run of the same
 * document takes it over, and the first one's next batch is refused).
 */
public final class PostgresChunkWriter implements ChunkSink {
    private final Transactions transactions;
    private final PostgresStoreOptions options;
    private final String collection;
    private final int bucket;
    private final List<Chunk> staged = new ArrayList<>();
    private final CopyRows rows = new CopyRows();
    /** {generation, next index} of the runs this writer began and left for another document, not yet completed. */
    private final Map<DocumentId, long[]> left = new HashMap<>();
    private long stagedBytes;
    private DocumentId document;
    private long generation;
    private long nextIndex;

    PostgresChunkWriter(Transactions transactions, PostgresStoreOptions options, CollectionId collection, int bucket) {
        this.transactions = transactions;
        this.options = options;
        this.collection = collection.value();
        this.bucket = bucket;
    }

    /**
     * Stages a chunk, first writing the staged batch when it reached
     * {@link PostgresStoreOptions#batchChunks()} or {@link PostgresStoreOptions#batchBytes()}
     * (so a {@link #commit} right after a batch's last chunk writes the batch with its checkpoint).
     *
     * @param chunk the next chunk of its document
     * @throws ChunkRefusedException if the chunk does not follow the previous one of its document,
     *     contains U+0000, or another run took the document over
     * @throws ChunkStoreException if a batch cannot be written
     */
    @Override
    public void accept(Chunk chunk) {
        if (!chunk.document().equals(document) || chunk.index() == 0 && nextIndex > 0) {
            leave();
            document = chunk.document();
            left.remove(document);
            generation = 0;
        } else if (chunk.index() != nextIndex) {
            throw new ChunkRefusedException("chunk " + chunk.index() + " of document '" + chunk.document().value()
                    + "' does not follow chunk " + (nextIndex - 1) + "; hand the writer each document's chunks in index order");
        } else if (staged.size() >= options.batchChunks() || stagedBytes >= options.batchBytes()) {
            // a full batch goes when the next chunk comes, not at once: a commit that follows the
            // batch's last chunk (a checkpoint every batchChunks chunks) then writes the batch and
            // its checkpoint in one transaction, instead of the batch and then an empty one
            flush(null, false);
        }
        staged.add(chunk);
        stagedBytes += chunk.content().byteLength();
        nextIndex = chunk.index() + 1;
    }

    /**
     * Writes the staged chunks and saves the checkpoint that covers them in one transaction; a
     * checkpoint marked {@value Checkpoint#COMPLETED_ATTRIBUTE} also completes the document.
     *
     * @param checkpoint the checkpoint of this writer's collection and current document
     * @throws ChunkRefusedException if the checkpoint belongs to another collection or document
     * @throws ChunkStoreException if the batch cannot be written
     */
    @Override
    public void commit(Checkpoint checkpoint) {
        if (!checkpoint.collection().value().equals(collection)) {
            throw new ChunkRefusedException("the checkpoint of collection '" + checkpoint.collection().value()
                    + "' reached the writer of collection '" + collection + "'; open a writer per collection");
        }
        if (!checkpoint.document().equals(document)) {
            leave();
            document = checkpoint.document();
            long[] run = left.remove(document);
            generation = run == null ? 0 : run[0];
            nextIndex = checkpoint.position().nextIndex();
        }
        flush(checkpoint, "true".equals(checkpoint.attributes().get(Checkpoint.COMPLETED_ATTRIBUTE)));
    }

    /**
     * Ends the run of a document: writes its staged chunks and makes the chunks of this run the
     * document's chunk set, replacing the previous set atomically. A document whose run this writer
     * left for another document's chunks is completed with the chunks it wrote (the writer keeps
     * the run's position until then); a document that produced no chunk is completed with none.
     * So a resumed run that has no chunk left to hand this writer ends through the commit of its
     * completed checkpoint (as the run loop does), not through this method, which would complete
     * the document with no chunks.
     *
     * @param completed the document whose last chunk was accepted
     * @throws ChunkStoreException if the chunks cannot be written
     */
    public void complete(DocumentId completed) {
        if (!completed.equals(document)) {
            leave();
            document = completed;
            long[] run = left.remove(completed); // a run this writer left for the next document ends with its chunks
            generation = run == null ? 0 : run[0];
            nextIndex = run == null ? 0 : run[1];
        }
        flush(null, true);
    }

    /** Writes the staged chunks of the current document and remembers its run, when one began, for {@link #complete}. */
    private void leave() {
        flush(null, false);
        if (document != null && generation != 0) {
            left.put(document, new long[] {generation, nextIndex});
        }
    }

    private void flush(Checkpoint checkpoint, boolean complete) {
        if (staged.isEmpty() && checkpoint == null && !complete) {
            return;
        }
        String doc = document.value();
        long first = staged.isEmpty() ? nextIndex : staged.get(0).index();
        long count = checkpoint != null ? checkpoint.position().nextIndex() : nextIndex;
        try {
            if (generation == 0 && (!staged.isEmpty() || complete)) {
                generation = transactions.run("starting a run of document '" + doc + "' of collection '" + collection + "'",
                        c -> DocumentRuns.begin(c, bucket, collection, doc, first));
            }
            long run = generation;
            transactions.run("writing " + staged.size() + " chunks of document '" + doc + "' of collection '" + collection + "'",
                    c -> {
                        boolean owned = run == 0 || DocumentRuns.own(c, collection, doc, run);
                        if (owned && !staged.isEmpty()) {
                            DocumentRuns.write(c, bucket, collection, doc, run, first, staged, rows);
                        }
                        if (checkpoint != null) {
                            CheckpointRows.save(c, checkpoint);
                        }
                        if (owned && complete) {
                            DocumentRuns.complete(c, bucket, collection, doc, run, count);
                        }
                        return null;
                    });
        } catch (SQLException e) {
            throw new ChunkStoreException("cannot write " + staged.size() + " chunks of document '" + doc + "' of collection '"
                    + collection + "' from chunk " + first + ": " + e.getMessage() + (Transactions.connectionLost(e)
                    // the connection may have been lost after the server committed, before its reply came
                    ? "; the batch may have been stored or not, and a resumed run stores it once"
                    : "; nothing of this batch was stored") + " (check the server is up, then resume the run from its checkpoint)", e);
        }
        staged.clear();
        stagedBytes = 0;
        if (complete) {
            generation = 0;
            nextIndex = 0;
        }
    }
}
