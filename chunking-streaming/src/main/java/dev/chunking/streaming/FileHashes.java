package dev.chunking.streaming;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0) {
            // read until full or end of file
        }
        bytes.flip();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
