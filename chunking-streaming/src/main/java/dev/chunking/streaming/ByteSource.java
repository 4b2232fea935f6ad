package dev.chunking.streaming;

import dev.chunking.domain.SourceFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the bytes of a document come from: a file (seekable, fingerprinted, so runs over it can
 * be resumed), or any channel or input stream (read once, from the start). Implementations
 * are immutable; each {@link #open} returns a new channel.
 */
public interface ByteSource {
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
     * A file, read through a {@link java.nio.channels.FileChannel}.
     *
     * @param path the file
     * @return the source
     */
    static ByteSource file(Path path) {
        return new FileSource(path);
    }

    /**
     * A channel, read once from where it stands.
     *
     * @param name a name for messages
     * @param channel the channel; closed when the run ends
     * @return the source
     */
    static ByteSource channel(String name, ReadableByteChannel channel) {
        return new OnceSource(name, channel);
    }

    /**
     * An input stream, read once from where it stands.
     *
     * @param name a name for messages
     * @param in the stream; closed when the run ends
     * @return the source
     */
    static ByteSource stream(String name, InputStream in) {
        return new OnceSource(name, Channels.newChannel(in));
    }
}
