package dev.chunking.streaming;

import dev.chunking.domain.SourceFingerprint;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/** A file: seekable and fingerprinted. */
final class FileSource implements ByteSource {
    private final Path path;

    FileSource(Path path) {
        this.path = path;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public OptionalLong size() throws IOException {
        return Files.isRegularFile(path) ? OptionalLong.of(Files.size(path)) : OptionalLong.empty();
    }

    @Override
    public ReadableByteChannel open(long offset) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        if (offset > 0) {
            channel.position(offset);
        }
        return channel;
    }

    @Override
    public Optional<SourceFingerprint> fingerprint() throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty(); // a FIFO or a device cannot be read again
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return Optional.of(SourceFingerprint.of(channel, Files.getLastModifiedTime(path).toMillis()));
        }
    }
}
