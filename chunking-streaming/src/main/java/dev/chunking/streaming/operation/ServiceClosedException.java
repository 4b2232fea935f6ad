package dev.chunking.streaming.operation;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown when work is submitted to an operation service that was closed; submit to an open service instead.
 */
public class ServiceClosedException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public ServiceClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public ServiceClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
