package dev.chunking.streaming;

import dev.chunking.application.Chunking;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.OperationOptions;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.OperationResult;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a chunking over a {@link ByteSource} in buffers of a fixed size, never holding more than
 * one buffer plus the strategy's window. Skips a UTF-8 byte order mark at the start (offsets
 * still count it), enforces the byte limit, and with a {@link CheckpointStore} takes
 * checkpoints after chunks were handed to the sink and resumes from the last one, refusing a
 * checkpoint whose source, strategy or options differ. A synchronous front to
 * {@link ChunkingOperations#run}: failures are thrown, not returned. Immutable and
 * thread-safe; each run has its own state.
 */
public final class StreamingChunker {
    /** The collection of every checkpoint this runner takes: {@code default}. */
    public static final CollectionId DEFAULT_COLLECTION = CollectionId.of("default");

    private final Chunking chunking;
    private final OperationOptions options;

    /**
     * Creates a runner.
     *
     * @param chunking the strategy and options to chunk with
     * @param options buffer size, byte limit and checkpoint intervals
     */
    public StreamingChunker(Chunking chunking, OperationOptions options) {
        this.chunking = chunking;
        this.options = options;
    }

    /**
     * Chunks a source from the start, without checkpoints.
     *
     * @param document the document id stamped on each chunk
     * @param source the bytes
     * @param sink receives the chunks
     * @return what the run did
     * @throws IOException if reading fails
     */
    public StreamResult run(DocumentId document, ByteSource source, ChunkSink sink) throws IOException {
        return run(document, source, sink, null, Map::of);
    }

    /**
     * Chunks a source with checkpoints: resumes from the document's checkpoint in {@code store}
     * when there is one, saves a checkpoint whenever the configured number of chunks or bytes
     * has passed, and a last one at the end, marked as the checkpoint of a completed run. A later
     * run that finds such a checkpoint refuses to start (it would deliver nothing): the caller
     * deletes the checkpoint once it has what the run made, to chunk the document again.
     *
     * @param document the document id stamped on each chunk
     * @param source the bytes; must be a file (it is read again on resume)
     * @param sink receives the chunks not emitted before the checkpoint
     * @param store where checkpoints live, or null for none
     * @param attributes the host's values to store with each checkpoint, asked for right before
     *     each save (e.g. after making its own output durable)
     * @return what the run did
     * @throws IOException if reading fails
     * @throws dev.chunking.domain.CheckpointMismatchException if the stored checkpoint belongs to a different run
     */
    public StreamResult run(DocumentId document, ByteSource source, ChunkSink sink, CheckpointStore store,
                            Supplier<Map<String, String>> attributes) throws IOException {
        return run(DEFAULT_COLLECTION, document, source, sink, store, attributes);
    }

    /**
     * Same as {@link #run(DocumentId, ByteSource, ChunkSink, CheckpointStore, Supplier)}, with the
     * checkpoints taken in a collection of the caller's: a store that is also the sink (such as a
     * database writer of that collection) then sees checkpoints of its own collection.
     *
     * @param collection the collection of the checkpoints
     * @param document the document id stamped on each chunk
     * @param source the bytes; must be a file when {@code store} is given (it is read again on resume)
     * @param sink receives the chunks not emitted before the checkpoint
     * @param store where checkpoints live, or null for none
     * @param attributes the host's values to store with each checkpoint
     * @return what the run did
     * @throws IOException if reading fails
     * @throws dev.chunking.domain.CheckpointMismatchException if the stored checkpoint belongs to a different run
     */
    public StreamResult run(CollectionId collection, DocumentId document, ByteSource source, ChunkSink sink,
                            CheckpointStore store, Supplier<Map<String, String>> attributes) throws IOException {
        OperationRequest.Builder request = OperationRequest.builder(collection, document, chunking, source, sink)
                .checkpointAttributes(attributes).options(options);
        if (store != null) {
            request.checkpoints(store);
        }
        OperationResult result;
        try (ChunkingOperations here = ChunkingOperations.builder().executor(Runnable::run).maxConcurrent(1).build()) {
            result = here.run(request.build());
        }
        result.throwFailure();
        return new StreamResult(result.bytes(), result.chunks(), result.replacements(), result.resumedFrom(), result.checkpoints());
    }
}
