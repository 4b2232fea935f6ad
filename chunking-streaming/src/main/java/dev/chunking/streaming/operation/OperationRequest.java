package dev.chunking.streaming.operation;

import dev.chunking.application.Chunking;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationId;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.DocumentSource;
import dev.chunking.spi.ProgressListener;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What to run: chunk this document of this collection, read from this source, with this
 * strategy and options, into this sink, reporting to this listener. Immutable (the ports it
 * holds are the caller's).
 *
 * @param id the operation's id
 * @param collection the collection the document belongs to
 * @param document the document id stamped on every chunk
 * @param chunking the strategy and its options
 * @param source the bytes
 * @param sink receives the chunks, in order
 * @param listener receives the progress events
 * @param checkpoints where checkpoints are saved and resumed from; empty for none
 * @param checkpointAttributes the host's values stored with each checkpoint, asked for right before each save
 * @param options buffer, limits and the checkpoint and progress intervals
 */
public record OperationRequest(OperationId id, CollectionId collection, DocumentId document, Chunking chunking,
                               DocumentSource source, ChunkSink sink, ProgressListener listener,
                               Optional<CheckpointStore> checkpoints, Supplier<Map<String, String>> checkpointAttributes,
                               OperationOptions options) {
    /**
     * Validates the request.
     *
     * @throws InvalidOptionsException naming the missing part
     */
    public OperationRequest {
        String missing = id == null ? "id" : collection == null ? "collection" : document == null ? "document"
                : chunking == null ? "chunking" : source == null ? "source" : sink == null ? "sink" : listener == null ? "listener"
                : checkpoints == null ? "checkpoints" : checkpointAttributes == null ? "checkpointAttributes" : options == null ? "options" : null;
        if (missing != null) {
            throw new InvalidOptionsException("operation request: " + missing + " must be set");
        }
    }

    /**
     * A builder for a request; the id defaults to a generated one, the listener to none, no
     * checkpoints, and {@link OperationOptions#defaults()}.
     *
     * @param collection the collection
     * @param document the document
     * @param chunking the strategy and options
     * @param source the bytes
     * @param sink receives the chunks
     * @return the builder
     */
    public static Builder builder(CollectionId collection, DocumentId document, Chunking chunking, DocumentSource source,
                                  ChunkSink sink) {
        return new Builder(collection, document, chunking, source, sink);
    }

    /** Builds an {@link OperationRequest}; not thread-safe. */
    public static final class Builder {
        private final CollectionId collection;
        private final DocumentId document;
        private final Chunking chunking;
        private final DocumentSource source;
        private final ChunkSink sink;
        private OperationId id;
        private ProgressListener listener = ProgressListener.NONE;
        private CheckpointStore checkpoints;
        private Supplier<Map<String, String>> checkpointAttributes = Map::of;
        private OperationOptions options = OperationOptions.defaults();

        private Builder(CollectionId collection, DocumentId document, Chunking chunking, DocumentSource source, ChunkSink sink) {
            this.collection = collection;
            this.document = document;
            this.chunking = chunking;
            this.source = source;
            this.sink = sink;
        }

        /**
         * Sets the operation id instead of a generated one (needed to resume by id).
         *
         * @param value the id
         * @return this builder
         */
        public Builder id(OperationId value) {
            id = value;
            return this;
        }

        /**
         * Sets the listener.
         *
         * @param value receives the events
         * @return this builder
         */
        public Builder listener(ProgressListener value) {
            listener = value;
            return this;
        }

        /**
         * Saves checkpoints in a store and resumes from the document's checkpoint there.
         *
         * @param value the store
         * @return this builder
         */
        public Builder checkpoints(CheckpointStore value) {
            checkpoints = value;
            return this;
        }

        /**
         * Sets the host's values stored with each checkpoint.
         *
         * @param value asked for right before each save
         * @return this builder
         */
        public Builder checkpointAttributes(Supplier<Map<String, String>> value) {
            checkpointAttributes = value;
            return this;
        }

        /**
         * Sets the buffer, limits and intervals.
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(OperationOptions value) {
            options = value;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws InvalidOptionsException if a part is missing
         */
        public OperationRequest build() {
            return new OperationRequest(id == null ? OperationId.generate() : id, collection, document, chunking, source, sink,
                    listener, Optional.ofNullable(checkpoints), checkpointAttributes, options);
        }
    }
}
