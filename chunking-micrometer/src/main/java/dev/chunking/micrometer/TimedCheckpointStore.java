package dev.chunking.micrometer;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.CheckpointStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * The store of {@link ChunkingMetrics#checkpoints}: times each load, save and delete of the store
 * it wraps and passes every call through unchanged. Thread-safe as the wrapped store is.
 */
final class TimedCheckpointStore implements CheckpointStore {
    private static final String DESCRIPTION = "calls of the checkpoint store";

    private final CheckpointStore store;
    private final CallTimers load;
    private final CallTimers save;
    private final CallTimers delete;

    TimedCheckpointStore(MeterRegistry registry, CheckpointStore store) {
        this.store = store;
        this.load = new CallTimers(registry, ChunkingMetrics.CHECKPOINT, "load", DESCRIPTION);
        this.save = new CallTimers(registry, ChunkingMetrics.CHECKPOINT, "save", DESCRIPTION);
        this.delete = new CallTimers(registry, ChunkingMetrics.CHECKPOINT, "delete", DESCRIPTION);
    }

    @Override
    public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
        return load.call(() -> store.load(collection, document));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        save.run(() -> store.save(checkpoint));
    }

    @Override
    public void delete(CollectionId collection, DocumentId document) {
        delete.run(() -> store.delete(collection, document));
    }
}
