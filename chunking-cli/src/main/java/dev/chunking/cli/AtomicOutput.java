package dev.chunking.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;

/**
 * An output file that appears whole or not at all: written to a hidden temporary file beside
 * the target, forced to disk, then renamed over the target. The temporary file gets the
 * target's permissions (or the umask's for a new file) and is removed when the run fails or
 * the JVM is interrupted. Not thread-safe.
 */
final class AtomicOutput {
    /** Names the temporary file: another local user cannot guess the name to take it first. */
    private static final SecureRandom NAMES = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final Thread cleanup;
    private boolean committed;

    AtomicOutput(Path target) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(NAMES.nextLong())
                + ".partial");
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        copyPermissions();
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.cleanup = new Thread(this::deleteQuietly, "chunk-out-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    private void copyPermissions() throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view != null && Files.exists(target)) {
            view.setPermissions(Files.readAttributes(target, PosixFileAttributes.class).permissions());
        }
    }

    OutputStream stream() {
        return stream;
    }

    /** Flushes, forces to disk and renames over the target. */
    void commit() throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    /** Removes the temporary file unless {@link #commit()} succeeded; the target stays as it was. */
    void discardUnlessCommitted() throws IOException {
        try {
            if (!committed) {
                channel.close();
                Files.deleteIfExists(temp);
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the JVM is going down; nothing more can be done
        }
    }
}
