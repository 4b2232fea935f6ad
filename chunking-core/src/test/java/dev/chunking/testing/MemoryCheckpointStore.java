package dev.chunking.testing;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.CheckpointStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A checkpoint store in memory that also remembers every checkpoint saved, in order. Thread-safe. */
public final class MemoryCheckpointStore implements CheckpointStore {
    private final Map<List<String>, Checkpoint> current = new ConcurrentHashMap<>();
    private final List<Checkpoint> saved = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
        return Optional.ofNullable(current.get(List.of(collection.value(), document.value())));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        current.put(List.of(checkpoint.collection().value(), checkpoint.document().value()), checkpoint);
        saved.add(checkpoint);
    }

    @Override
    public void delete(CollectionId collection, DocumentId document) {
        current.remove(List.of(collection.value(), document.value()));
    }

    /** Every checkpoint saved so far, oldest first. */
    public List<Checkpoint> saved() {
        return List.copyOf(saved);
    }
}
