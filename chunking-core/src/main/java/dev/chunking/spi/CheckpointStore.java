package dev.chunking.spi;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.DocumentId;
import java.util.Optional;

/**
 * Keeps checkpoints so that a crashed run can be resumed (the {@code CheckpointStore} port). A
 * save replaces the previous checkpoint of the document atomically: after a crash the store
 * holds the old or the new checkpoint, never a mix. Implementations are thread-safe.
 */
public interface CheckpointStore {
    /**
     * Loads the checkpoint of a document.
     *
     * @param document the document
     * @return the checkpoint, or empty when there is none
     * @throws dev.chunking.domain.CheckpointMismatchException if what is stored cannot be read as a checkpoint
     */
    Optional<Checkpoint> load(DocumentId document);

    /**
     * Saves a checkpoint, replacing the document's previous one atomically and durably.
     *
     * @param checkpoint the checkpoint
     */
    void save(Checkpoint checkpoint);

    /**
     * Deletes the checkpoint of a document, if there is one.
     *
     * @param document the document
     */
    void delete(DocumentId document);
}
