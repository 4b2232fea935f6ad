package dev.chunking.redis.ratelimit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-1 of {@link BucketScript#SOURCE}, as Redis names a cached script. */
final class SourceDigest {
    /** The lowercase hex SHA-1 of the script. */
    static final String SHA1 = sha1(BucketScript.SOURCE);

    private SourceDigest() {
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
