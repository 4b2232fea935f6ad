package dev.chunking.streaming.guard;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.DocumentSource;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;

/** A file checked by a {@link PathGuard}: {@link PathGuard#source}. Immutable and thread-safe. */
final class GuardedSource implements DocumentSource {
    private final PathGuard guard;
    private final String argument;
    private final PathWalk.Found found;

    GuardedSource(PathGuard guard, String argument, PathWalk.Found found) {
        this.guard = guard;
        this.argument = argument;
        this.found = found;
    }

    @Override
    public String name() {
        return argument;
    }

    @Override
    public OptionalLong size() {
        return found.attributes().isRegularFile() ? OptionalLong.of(found.attributes().size()) : OptionalLong.empty();
    }

    @Override
    public ReadableByteChannel open(long offset) throws IOException {
        SeekableByteChannel channel = guard.open(argument, found);
        if (offset > 0) {
            if (!found.attributes().isRegularFile() || offset > channel.size()) {
                channel.close();
                throw new CheckpointMismatchException(argument + " cannot be read from offset " + offset
                        + "; delete the checkpoint to start over");
            }
            channel.position(offset);
        }
        return channel;
    }

    @Override
    public Optional<SourceFingerprint> fingerprint() throws IOException {
        if (!found.attributes().isRegularFile()) {
            return Optional.empty(); // a FIFO or a device cannot be read again
        }
        try (SeekableByteChannel channel = guard.open(argument, found)) {
            return Optional.of(SourceFingerprint.of(channel, found.attributes().lastModifiedTime().toMillis()));
        }
    }
}
