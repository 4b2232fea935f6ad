package dev.chunking.streaming;

import dev.chunking.streaming.internal.SeekableFileSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;

/** A file at a path, opened as it is (links followed): {@link ByteSource#file}. Immutable and thread-safe. */
final class FileSource extends SeekableFileSource implements ByteSource {
    private final Path path;

    FileSource(Path path) {
        super(path.toString());
        this.path = path;
    }

    @Override
    protected SeekableByteChannel openChannel() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    @Override
    public OptionalLong size() throws IOException {
        return Files.isRegularFile(path) ? OptionalLong.of(Files.size(path)) : OptionalLong.empty(); // none yet: open says why
    }

    @Override
    protected BasicFileAttributes attributes() throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class);
    }
}
