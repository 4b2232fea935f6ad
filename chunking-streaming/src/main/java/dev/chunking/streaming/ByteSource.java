package dev.chunking.streaming;

import dev.chunking.spi.DocumentSource;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The byte sources of this module: a file (seekable, fingerprinted, so runs over it can be
 * resumed), or any channel or input stream (read once, from the start). Implementations are
 * immutable; each {@link #open} returns a new channel.
 */
public interface ByteSource extends DocumentSource {
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

    /**
     * Any document source, such as a file checked by a {@link dev.chunking.streaming.guard.PathGuard}
     * ({@code ByteSource.of(guard.source(userPath))}), as a byte source for {@link StreamingChunker}.
     *
     * @param source the source; a {@code ByteSource} is returned as it is
     * @return the source as a byte source
     */
    static ByteSource of(DocumentSource source) {
        Objects.requireNonNull(source, "source");
        return source instanceof ByteSource b ? b : new AdaptedSource(source);
    }
}
