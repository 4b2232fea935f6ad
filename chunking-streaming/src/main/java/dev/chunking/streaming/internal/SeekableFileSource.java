package dev.chunking.streaming.internal;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.DocumentSource;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one file source: a file opened as a seekable channel, read again from any offset and
 * fingerprinted, so runs over it can be resumed; a FIFO or a device is read once and has no
 * fingerprint. Subclasses say how the file is opened (a plain path, or through the path guard).
 * Immutable and thread-safe; each {@link #open} returns a new channel.
 */
public abstract class SeekableFileSource implements DocumentSource {
    private final String name;

    /**
     * Creates the source.
     *
     * @param name a name for messages, such as the path the user gave
     */
    protected SeekableFileSource(String name) {
        this.name = name;
    }

    /**
     * Opens a new channel at the start of the file.
     *
     * @return the channel; the caller closes it
     * @throws IOException if the file cannot be opened
     */
    protected abstract SeekableByteChannel openChannel() throws IOException;

    /**
     * Reads the file's attributes.
     *
     * @return the attributes
     * @throws IOException if they cannot be read
     */
    protected abstract BasicFileAttributes attributes() throws IOException;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public OptionalLong size() throws IOException {
        BasicFileAttributes attributes = attributes();
        return attributes.isRegularFile() ? OptionalLong.of(attributes.size()) : OptionalLong.empty();
    }

    @Override
    public final ReadableByteChannel open(long offset) throws IOException {
        SeekableByteChannel channel = openChannel();
        if (offset > 0) {
            if (!attributes().isRegularFile() || offset > channel.size()) {
                channel.close();
                throw new CheckpointMismatchException(name + " cannot be read from offset " + offset
                        + "; delete the checkpoint to start over");
            }
            channel.position(offset);
        }
        return channel;
    }

    @Override
    public final Optional<SourceFingerprint> fingerprint() throws IOException {
        BasicFileAttributes attributes = attributes();
        if (!attributes.isRegularFile()) {
            return Optional.empty(); // a FIFO or a device cannot be read again
        }
        try (SeekableByteChannel channel = openChannel()) {
            return Optional.of(SourceFingerprint.of(channel, attributes.lastModifiedTime().toMillis()));
        }
    }
}
