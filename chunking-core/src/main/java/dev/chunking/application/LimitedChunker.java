package dev.chunking.application;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Enforces a document's {@link InputLimits} around any strategy's chunker, so that no strategy
 * has to: a feed that would take the document past {@code maxDocumentBytes} is refused before
 * the strategy sees any of its bytes, and a chunk that would be one more than {@code maxChunks}
 * or carries more than {@code maxMetadataBytes} of metadata is refused before it reaches the
 * sink. Either way an {@link InputLimitException} names the value, the limit and the setting,
 * and from then on the chunker refuses {@code feed}, {@code finish} and {@code resumePoint}
 * with a {@link ChunkerStateException}, so the chunks delivered are exactly those before the
 * limit, never a silently shortened document. Counts start at the resume point: bytes from
 * the document's start, chunks from index 0. Not thread-safe, like every chunker.
 */
final class LimitedChunker extends StoppableChunker {
    private final DocumentId document;
    private final InputLimits limits;
    private final ChunkSink sink;
    private long bytes;
    private long chunks;

    private LimitedChunker(DocumentId document, InputLimits limits, ChunkSink sink, ResumePoint from) {
        super("stopped at an input limit", "open a new chunker for the next document");
        this.document = document;
        this.limits = limits;
        this.sink = sink;
        this.bytes = from.byteOffset();
        this.chunks = from.nextIndex();
    }

    /**
     * Opens a strategy's chunker behind the limits. A resume point already past a limit is
     * refused before the strategy opens.
     *
     * @param document the document, for the messages
     * @param limits the limits to enforce
     * @param sink the real sink
     * @param from where the document's counts start: {@link ResumePoint#START} for a new document
     * @param opener opens the strategy's chunker on the sink it is given
     * @return the limited chunker
     * @throws InputLimitException if {@code from} lies past the byte or chunk limit
     */
    static Chunker open(DocumentId document, InputLimits limits, ChunkSink sink, ResumePoint from,
                               Function<ChunkSink, Chunker> opener) {
        LimitedChunker limited = new LimitedChunker(document, limits, sink, from);
        if (limited.bytes > limits.maxDocumentBytes()) {
            throw new InputLimitException(limited.tooLong(limited.bytes));
        }
        if (limited.chunks > limits.maxChunks()) {
            throw new InputLimitException(limited.tooMany(limited.chunks));
        }
        limited.wrap(opener.apply(limited::deliver));
        return limited;
    }

    /** Counts {@code n} more bytes, or refuses them all when they would pass the limit. */
    @Override
    void admit(long n) {
        if (n > limits.maxDocumentBytes() - bytes) {
            refuse(tooLong(bytes + n < 0 ? Long.MAX_VALUE : bytes + n));
        }
        bytes += n;
    }

    private void deliver(Chunk chunk) {
        checkUsable();
        if (chunks >= limits.maxChunks()) {
            refuse(tooMany(chunks + 1));
        }
        ChunkMetadata metadata = chunk.metadata();
        // a UTF-16 unit takes at most 3 UTF-8 bytes: count the bytes only when the chars could pass the limit
        long size = metadata == ChunkMetadata.NONE || 3 * chars(metadata) <= limits.maxMetadataBytes() ? 0 : metadata.byteSize();
        if (size > limits.maxMetadataBytes()) {
            refuse("document " + document.value() + ": chunk " + chunk.index() + " has " + size + " bytes of metadata, more than"
                    + " the limit of " + limits.maxMetadataBytes() + " bytes (InputLimits.maxMetadataBytes, --max-metadata-bytes);"
                    + " raise the limit or shorten the document's headings");
        }
        sink.accept(chunk);
        chunks++;
    }

    /**
     * The UTF-16 length of the metadata's strings, without walking them. Runs once per chunk, so
     * it makes no iterator where it need not: the headings are an immutable random-access list,
     * and most chunks have no attributes.
     */
    private static long chars(ChunkMetadata m) {
        long n = 0;
        List<String> headings = m.headings();
        for (int i = 0; i < headings.size(); i++) {
            n += headings.get(i).length();
        }
        if (m.id().isPresent()) {
            n += m.id().get().length();
        }
        if (m.parent().isPresent()) {
            n += m.parent().get().length();
        }
        if (!m.attributes().isEmpty()) {
            for (Map.Entry<String, String> attribute : m.attributes().entrySet()) {
                n += attribute.getKey().length() + (attribute.getValue() == null ? 0 : attribute.getValue().length());
            }
        }
        return n;
    }

    private void refuse(String message) {
        stop(message);
        throw new InputLimitException(message);
    }

    private String tooLong(long reached) {
        return "document " + document.value() + ": " + reached + " bytes fed, more than the limit of " + limits.maxDocumentBytes()
                + " bytes (InputLimits.maxDocumentBytes, --max-bytes); raise the limit or split the document";
    }

    private String tooMany(long count) {
        return "document " + document.value() + ": " + count + " chunks made, more than the limit of " + limits.maxChunks()
                + " chunks (InputLimits.maxChunks, --max-chunks); raise the limit or split the document";
    }
}
