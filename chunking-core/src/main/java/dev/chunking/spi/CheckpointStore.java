package dev.chunking.spi;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import java.util.Optional;

/**
 * Keeps checkpoints so that a crashed run can be resumed (the {@code CheckpointStore} port). A
 * checkpoint belongs to a (collection, document) pair: the same document id in two collections
 * never shares one. A save replaces the pair's previous checkpoint atomically and durably: after
 * a crash the store holds the old or the new checkpoint, never a mix.
 *
 * <p>A store that is also the run's {@link ChunkSink} keeps the chunks and the checkpoint that
 * covers them in one unit: the run loop calls {@link ChunkSink#commit} with each checkpoint
 * before it calls {@link #save}, so such a store commits both there, and its {@code save} of
 * that same checkpoint then changes at most the attributes. Implementations are thread-safe;
 * {@code dev.chunking.testing.CheckpointStoreContract} (core's test-jar) checks one.
 */
public interface CheckpointStore {
    /**
     * Loads the checkpoint of a document of a collection.
     *
     * @param collection the collection
     * @param document the document
     * @return the checkpoint, or empty when there is none
     * @throws dev.chunking.domain.CheckpointMismatchException if what is stored cannot be read as a checkpoint
     * @throws dev.chunking.domain.CheckpointStorageException if the store cannot be read
     */
    Optional<Checkpoint> load(CollectionId collection, DocumentId document);

    /**
     * Saves a checkpoint under its collection and document, replacing the previous one
     * atomically and durably.
     *
     * @param checkpoint the checkpoint
     * @throws dev.chunking.domain.CheckpointStorageException if the store cannot be written
     */
    void save(Checkpoint checkpoint);

    /**
     * Deletes the checkpoint of a document of a collection, if there is one.
     *
     * @param collection the collection
     * @param document the document
     * @throws dev.chunking.domain.CheckpointStorageException if the store cannot be written
     */
    void delete(CollectionId collection, DocumentId document);
}
