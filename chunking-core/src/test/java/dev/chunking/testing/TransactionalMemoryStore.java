package dev.chunking.testing;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkRefusedException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvariantViolationException;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory store that is both the sink and the checkpoint store of a run, the way a database
 * adapter is: accepted chunks wait in a transaction, and {@link #commit} writes them and the
 * checkpoint that covers them in one atomic step, so the committed chunks of a document are
 * always exactly those before its committed checkpoint. It can fail at any numbered step (every
 * accept, and each write inside a commit) as a crash would, and {@link #crash()} then drops
 * what was not committed; it can refuse one chunk index with a {@link ChunkRefusedException}.
 * Stores chunks by (collection, document, index), so it is idempotent. The open transaction's chunks belong
 * to the collection and document of the checkpoint that commits them. Thread-safe: every method
 * is synchronized.
 */
public final class TransactionalMemoryStore implements ChunkSink, CheckpointStore {
    private final Map<List<String>, TreeMap<Long, Chunk>> committed = new HashMap<>();
    private final Map<List<String>, Checkpoint> checkpoints = new HashMap<>();
    private final List<Chunk> pending = new ArrayList<>();
    private long steps;
    private long failAt = -1;
    private long refuseIndex = -1;

    /**
     * Makes the step numbered {@code step} (from 1, counted from now) fail with an exception, as if the process died there.
     *
     * @param step the step that fails
     */
    public synchronized void failAt(long step) {
        this.steps = 0;
        this.failAt = step;
    }

    /**
     * Refuses the chunk with this index with a {@link ChunkRefusedException}, every time it comes.
     *
     * @param index the chunk index, or -1 for none
     */
    public synchronized void refuse(long index) {
        this.refuseIndex = index;
    }

    /**
     * Returns how many steps were taken since the store was made or {@link #failAt} was called.
     *
     * @return the steps
     */
    public synchronized long steps() {
        return steps;
    }

    /** Drops the open transaction and any failure to come, as a restarted process finds the store. */
    public synchronized void crash() {
        pending.clear();
        failAt = -1;
    }

    private void step(String what) {
        if (++steps == failAt) {
            throw new IllegalStateException("crash injected at step " + steps + " (" + what + ")");
        }
    }

    private static List<String> key(CollectionId collection, DocumentId document) {
        return List.of(collection.value(), document.value());
    }

    @Override
    public synchronized void accept(Chunk chunk) {
        step("accept chunk " + chunk.index());
        if (chunk.index() == refuseIndex) {
            throw new ChunkRefusedException("document " + chunk.document() + ", chunk " + chunk.index()
                    + ": refused by the test store; stop refusing it to go on");
        }
        pending.add(chunk);
    }

    @Override
    public synchronized void commit(Checkpoint checkpoint) {
        // stage everything, then swap: a failure at any step before the swap changes nothing
        List<String> key = key(checkpoint.collection(), checkpoint.document());
        TreeMap<Long, Chunk> staged = new TreeMap<>(committed.getOrDefault(key, new TreeMap<>()));
        for (Chunk chunk : pending) {
            step("write chunk " + chunk.index());
            staged.put(chunk.index(), chunk);
        }
        step("write checkpoint " + checkpoint.position().nextIndex());
        if (staged.size() != checkpoint.position().nextIndex()
                || (!staged.isEmpty() && staged.lastKey() != checkpoint.position().nextIndex() - 1)) {
            throw new InvariantViolationException("the checkpoint covers chunks before " + checkpoint.position().nextIndex()
                    + " but the transaction holds " + staged.size() + " chunks");
        }
        step("commit");
        committed.put(key, staged);
        checkpoints.put(key, checkpoint);
        pending.clear();
    }

    @Override
    public synchronized Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
        return Optional.ofNullable(checkpoints.get(key(collection, document)));
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) {
        step("save checkpoint " + checkpoint.position().nextIndex());
        List<String> key = key(checkpoint.collection(), checkpoint.document());
        Checkpoint current = checkpoints.get(key);
        // once chunks were committed, only a commit moves the checkpoint: a save may change its attributes only
        if (committed.containsKey(key) && (current == null || !current.position().equals(checkpoint.position()))) {
            throw new InvariantViolationException("save of a checkpoint at " + checkpoint.position()
                    + " while the committed one stands at " + (current == null ? "none" : current.position()));
        }
        checkpoints.put(key, checkpoint); // the same position: only the attributes may change
    }

    @Override
    public synchronized void delete(CollectionId collection, DocumentId document) {
        checkpoints.remove(key(collection, document));
        committed.remove(key(collection, document));
    }

    /**
     * Returns the committed chunks of a document, in index order.
     *
     * @param collection the collection
     * @param document the document
     * @return the chunks
     */
    public synchronized List<Chunk> committed(CollectionId collection, DocumentId document) {
        return List.copyOf(committed.getOrDefault(key(collection, document), new TreeMap<>()).values());
    }
}
