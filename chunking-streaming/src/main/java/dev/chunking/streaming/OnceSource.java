package dev.chunking.streaming;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.SourceFingerprint;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;

/** A channel or stream that can be read once, from the start; it cannot be resumed. */
final class OnceSource implements ByteSource {
    private final String name;
    private final ReadableByteChannel channel;

    OnceSource(String name, ReadableByteChannel channel) {
        this.name = name;
        this.channel = channel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    public ReadableByteChannel open(long offset) {
        if (offset != 0) {
            throw new CheckpointMismatchException(name + " can be read only once, from the start, so it cannot resume at byte "
                    + offset + "; chunk a file to use checkpoints");
        }
        return channel;
    }

    @Override
    public Optional<SourceFingerprint> fingerprint() {
        return Optional.empty();
    }
}
