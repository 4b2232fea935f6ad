package dev.chunking.spi;

import dev.chunking.domain.SourceFingerprint;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the bytes of a document come from (the {@code DocumentSource} port): a file that can be
 * read again from any offset and fingerprinted, so runs over it can be resumed, or a stream
 * read once from the start. {@code chunking-streaming} provides files, channels and streams.
 * Implementations are immutable and thread-safe; each {@link #open} returns a new channel.
 */
public interface DocumentSource {
    /**
     * Returns a name for messages, such as the file path.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the size when it is known in advance.
     *
     * @return the size in bytes, or empty for streams
     * @throws IOException if the size cannot be read
     */
    OptionalLong size() throws IOException;

    /**
     * Opens the source positioned at a byte offset.
     *
     * @param offset where to start reading; only 0 for sources that cannot seek
     * @return a channel the caller closes
     * @throws IOException if the source cannot be opened
     * @throws dev.chunking.domain.CheckpointMismatchException if the source cannot start at {@code offset}
     */
    ReadableByteChannel open(long offset) throws IOException;

    /**
     * Returns the source's fingerprint, for checkpoints.
     *
     * @return the fingerprint, or empty for sources that cannot be read again
     * @throws IOException if the source cannot be read
     */
    Optional<SourceFingerprint> fingerprint() throws IOException;

    /**
     * A document held in memory, for tests, previews and small inputs: it can be read again, so
     * runs over it can be checkpointed (its fingerprint hashes its first and last 64 KiB).
     *
     * @param name a name for messages
     * @param bytes the document's bytes; copied
     * @return the source
     */
    static DocumentSource ofBytes(String name, byte[] bytes) {
        return new BytesSource(name, bytes);
    }
}
