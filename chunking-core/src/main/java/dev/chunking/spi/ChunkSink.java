package dev.chunking.spi;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;

/**
 * Receives chunks as soon as a chunker knows they are final, in index order. A sink decides
 * what "stored" means (a list, a file, a database); durable sinks are idempotent on
 * (collection, document, chunk index), because a resumed run hands them again the chunks after
 * its checkpoint. A sink is called from the thread that feeds the chunker.
 *
 * <p>A sink may refuse a chunk by throwing a {@link dev.chunking.domain.ChunkRefusedException}
 * (or any other {@link dev.chunking.domain.ChunkingException}): the run then stops, and a
 * checkpointed run can be resumed from its last committed checkpoint.
 * {@code dev.chunking.testing.ChunkSinkContract} (core's test-jar) checks an implementation.
 */
@FunctionalInterface
public interface ChunkSink {
    /**
     * Accepts one chunk. An exception thrown here reaches the caller of {@code feed} or
     * {@code finish} unchanged, and the chunker refuses all further input, so no chunk index is
     * ever skipped or reused.
     *
     * @param chunk the next chunk, never null
     * @throws dev.chunking.domain.ChunkRefusedException if the sink will not take the chunk
     */
    void accept(Chunk chunk);

    /**
     * Makes every chunk accepted so far durable, because a checkpoint covering exactly them (the
     * chunks with an index below {@code checkpoint.position().nextIndex()}) is about to be saved.
     * The run loop calls it before {@link CheckpointStore#save}; when it throws, the checkpoint
     * is not saved and the run fails, so the store's checkpoint is never ahead of the stored
     * chunks. A sink that is also the run's {@link CheckpointStore} stores the chunks and the
     * checkpoint here in one transaction, so neither can be behind the other after a crash.
     * Does nothing by default (a sink that stores each chunk as it comes).
     *
     * @param checkpoint the checkpoint about to be saved
     * @throws dev.chunking.domain.ChunkingException if the chunks cannot be made durable
     */
    default void commit(Checkpoint checkpoint) {
    }
}
