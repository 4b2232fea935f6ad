package dev.chunking.streaming.operation;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationStatus;
import dev.chunking.spi.DocumentSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first chunks of a document, for interactive interfaces: at most {@code maxChunks}
 * chunks from at most the first {@code maxBytes} bytes, bounded in time and memory whatever
 * the document's size. The chunks are exactly the first chunks a full run emits; when the first
 * {@code maxBytes} bytes end before {@code maxChunks} chunks are final, the preview holds the
 * chunks that are. Stateless and thread-safe.
 */
public final class Preview {
    /** Default number of chunks: 10. */
    public static final int DEFAULT_CHUNKS = 10;
    /** Default number of bytes read at most: 1 MiB. */
    public static final long DEFAULT_BYTES = 1 << 20;

    private Preview() {
    }

    /**
     * The result of a preview.
     *
     * @param chunks the first chunks, at most the number asked for
     * @param bytesRead how many bytes of the source were read
     * @param wholeDocument whether the preview holds every chunk of the document: the source ended within
     *     the bytes read and had no more than the chunks asked for (false also when the preview had its
     *     chunks before it could tell)
     */
    public record Result(List<Chunk> chunks, long bytesRead, boolean wholeDocument) {
        /** Copies the chunk list. */
        public Result {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Previews a document with the defaults: 10 chunks from at most 1 MiB.
     *
     * @param chunking the strategy and options
     * @param document the document id stamped on the chunks
     * @param source the bytes
     * @return the preview
     * @throws IOException if reading fails
     */
    public static Result of(Chunking chunking, DocumentId document, DocumentSource source) throws IOException {
        return of(chunking, document, source, DEFAULT_CHUNKS, DEFAULT_BYTES);
    }

    /**
     * Previews a document.
     *
     * @param chunking the strategy and options
     * @param document the document id stamped on the chunks
     * @param source the bytes
     * @param maxChunks at least 1
     * @param maxBytes at least 1
     * @return the preview
     * @throws IOException if reading fails
     * @throws InvalidOptionsException if a limit is below 1
     * @throws dev.chunking.domain.ChunkingException if the input is refused (malformed UTF-8, too large for the token counter)
     */
    public static Result of(Chunking chunking, DocumentId document, DocumentSource source, int maxChunks, long maxBytes)
            throws IOException {
        if (maxChunks < 1 || maxBytes < 1) {
            throw new InvalidOptionsException("preview limits must be at least 1, got " + maxChunks + " chunks and " + maxBytes
                    + " bytes; set maxChunks and maxBytes");
        }
        List<Chunk> chunks = new ArrayList<>();
        long[] emitted = {0};
        OperationRequest request = OperationRequest.builder(CollectionId.of("preview"), document, chunking, source, chunk -> {
            if (emitted[0]++ < maxChunks) {
                chunks.add(chunk);
            }
        }).build();
        Operation operation = new Operation(request, op -> { });
        operation.moveTo(OperationStatus.RUNNING);
        try (EventDelivery none = new EventDelivery(EventDelivery.DEFAULT_LOGGER)) {
            OperationRun run = new OperationRun(operation, RunEnvironment.plain(none), maxChunks, maxBytes);
            OperationResult result = run.run();
            result.throwFailure();
            return new Result(chunks, result.bytes(), run.reachedEnd() && emitted[0] <= maxChunks);
        }
    }
}
