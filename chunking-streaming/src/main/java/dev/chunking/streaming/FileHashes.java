package dev.chunking.streaming;

import dev.chunking.domain.SourceFingerprint;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * SHA-256 of a byte range of a file, for fingerprints of sources and outputs. Stateless and
 * thread-safe.
 */
public final class FileHashes {
    private FileHashes() {
    }

    /**
     * Hashes up to {@code length} bytes from {@code from} (fewer if the file ends first) without
     * moving the channel's position.
     *
     * @param channel an open file
     * @param from first byte
     * @param length bytes to hash at most
     * @return the SHA-256 in lower-case hex
     * @throws IOException if reading fails
     */
    public static String sha256(FileChannel channel, long from, int length) throws IOException {
        return SourceFingerprint.sha256(channel, from, length);
    }
}
