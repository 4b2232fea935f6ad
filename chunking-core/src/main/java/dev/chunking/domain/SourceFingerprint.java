package dev.chunking.domain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies the exact bytes of a source well enough to refuse resuming against a changed one:
 * its size, its modification time and SHA-256 hashes of its first and last 64 KiB. Immutable.
 *
 * @param size size in bytes
 * @param modifiedMillis last modification time, milliseconds since the epoch
 * @param headSha256 hex SHA-256 of the first 64 KiB (or the whole source if smaller)
 * @param tailSha256 hex SHA-256 of the last 64 KiB (or the whole source if smaller)
 */
public record SourceFingerprint(long size, long modifiedMillis, String headSha256, String tailSha256) {
    /** How many bytes at each end of a source are hashed: 64 KiB. */
    public static final int EDGE_BYTES = 64 * 1024;

    /**
     * Validates the fingerprint.
     *
     * @throws InvalidOptionsException if the size is negative or a hash is missing
     */
    public SourceFingerprint {
        if (size < 0 || headSha256 == null || tailSha256 == null) {
            throw new InvalidOptionsException("source fingerprint: size " + size + " must not be negative and both hashes must be set");
        }
    }

    /**
     * Describes how another fingerprint differs from this one, for error messages.
     *
     * @param other the fingerprint of the source now
     * @return for example {@code "size 100 -> 120"}
     */
    public String difference(SourceFingerprint other) {
        if (size != other.size) {
            return "size " + size + " -> " + other.size + " bytes";
        }
        if (modifiedMillis != other.modifiedMillis) {
            return "modification time " + modifiedMillis + " -> " + other.modifiedMillis;
        }
        return headSha256.equals(other.headSha256) ? "last 64 KiB differ" : "first 64 KiB differ";
    }

    /**
     * Fingerprints an open file: its size now, the given modification time, and the hashes of
     * its first and last {@value #EDGE_BYTES} bytes. The channel's position is left where it was.
     *
     * @param channel the open file
     * @param modifiedMillis its modification time, milliseconds since the epoch
     * @return the fingerprint
     * @throws IOException if reading fails
     */
    public static SourceFingerprint of(SeekableByteChannel channel, long modifiedMillis) throws IOException {
        long size = channel.size();
        int edge = (int) Math.min(EDGE_BYTES, size);
        return new SourceFingerprint(size, modifiedMillis, sha256(channel, 0, edge), sha256(channel, size - edge, edge));
    }

    /**
     * Hashes up to {@code length} bytes from {@code from} (fewer if the channel ends first); the
     * channel's position is left where it was.
     *
     * @param channel an open file
     * @param from first byte
     * @param length bytes to hash at most
     * @return the SHA-256 in lower-case hex
     * @throws IOException if reading fails
     */
    public static String sha256(SeekableByteChannel channel, long from, int length) throws IOException {
        long position = channel.position();
        ByteBuffer bytes = ByteBuffer.allocate(length);
        try {
            channel.position(from);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // read until full or end of file
            }
        } finally {
            channel.position(position);
        }
        bytes.flip();
        return sha256(bytes);
    }

    /**
     * Hashes the remaining bytes of a buffer, consuming them: the library's one SHA-256 routine.
     *
     * @param bytes the bytes from the buffer's position to its limit
     * @return the SHA-256 in lower-case hex
     */
    public static String sha256(ByteBuffer bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
