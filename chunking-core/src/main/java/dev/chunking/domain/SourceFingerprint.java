package dev.chunking.domain;

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
}
