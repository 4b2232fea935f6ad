package dev.chunking.domain;

/**
 * Root of the library's single unchecked exception hierarchy. Every failure the library
 * raises on purpose is a {@code ChunkingException}; its message names the offending value,
 * the limit it broke and the setting to change. Instances are immutable and thread-safe.
 */
public abstract class ChunkingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with an actionable message.
     *
     * @param message what went wrong and what to change
     */
    protected ChunkingException(String message) {
        super(message);
    }

    /**
     * Creates an exception with an actionable message and the failure that caused it.
     *
     * @param message what went wrong and what to change
     * @param cause the underlying failure
     */
    protected ChunkingException(String message, Throwable cause) {
        super(message, cause);
    }
}
