package dev.chunking.streaming.guard;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown when this platform's JDK cannot open files without following links (no {@code SecureDirectoryStream} or no file keys), so the path guard refuses to work rather than open files unsafely.
 */
public class PathGuardUnsupportedException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public PathGuardUnsupportedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public PathGuardUnsupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
