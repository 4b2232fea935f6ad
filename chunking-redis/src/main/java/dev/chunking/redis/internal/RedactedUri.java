package dev.chunking.redis.internal;

import java.util.regex.Pattern;

/**
 * A Redis URI fit for a message or a log: the user information before {@code @} (a password, or
 * a user and a password) and a {@code password=} query parameter are replaced with {@code ***}.
 * Stateless and thread-safe.
 */
public final class RedactedUri {
    private static final Pattern USER_INFO = Pattern.compile("^([a-z-]+://)[^/@?#]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&#]*");

    private RedactedUri() {
    }

    /**
     * Redacts a URI.
     *
     * @param uri a URI such as {@code redis://user:secret@host:6379/0}
     * @return the URI without its secrets, such as {@code redis://***@host:6379/0}
     */
    public static String of(String uri) {
        String redacted = USER_INFO.matcher(uri).replaceFirst("$1***@");
        return PASSWORD_PARAMETER.matcher(redacted).replaceAll("$1***");
    }
}
