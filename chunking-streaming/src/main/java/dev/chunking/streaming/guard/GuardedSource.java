package dev.chunking.streaming.guard;

import dev.chunking.streaming.internal.SeekableFileSource;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file checked by a {@link PathGuard}: {@link PathGuard#source}. Every open goes through the
 * guard again, so the file opened is the one checked. Immutable and thread-safe.
 */
final class GuardedSource extends SeekableFileSource {
    private final PathGuard guard;
    private final String argument;
    private final PathWalk.Found found;

    GuardedSource(PathGuard guard, String argument, PathWalk.Found found) {
        super(argument);
        this.guard = guard;
        this.argument = argument;
        this.found = found;
    }

    @Override
    protected SeekableByteChannel openChannel() throws IOException {
        return guard.open(argument, found);
    }

    @Override
    protected BasicFileAttributes attributes() {
        return found.attributes();
    }
}
