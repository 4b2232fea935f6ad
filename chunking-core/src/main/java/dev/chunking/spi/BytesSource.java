package dev.chunking.spi;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.SourceFingerprint;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;

/** A document held in memory: {@link DocumentSource#ofBytes}. Immutable; the array is copied. */
final class BytesSource implements DocumentSource {
    private static final int HASHED = 64 * 1024;

    private final String name;
    private final byte[] bytes;

    BytesSource(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(bytes.length);
    }

    @Override
    public ReadableByteChannel open(long offset) {
        if (offset < 0 || offset > bytes.length) {
            throw new CheckpointMismatchException(name + " has " + bytes.length + " bytes, so it cannot be read from offset "
                    + offset + "; delete the checkpoint to start over");
        }
        return Channels.newChannel(new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset));
    }

    @Override
    public Optional<SourceFingerprint> fingerprint() {
        return Optional.of(new SourceFingerprint(bytes.length, 0, sha256(0, Math.min(HASHED, bytes.length)),
                sha256(Math.max(0, bytes.length - HASHED), Math.min(HASHED, bytes.length))));
    }

    private String sha256(int from, int length) {
        return SourceFingerprint.sha256(ByteBuffer.wrap(bytes, from, length));
    }
}
