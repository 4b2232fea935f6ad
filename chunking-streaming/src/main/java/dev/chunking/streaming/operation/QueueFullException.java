package dev.chunking.streaming.operation;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown when an operation service already holds its maximum number of waiting operations; the message names the count and the {@code maxQueued} setting to raise.
 */
public class QueueFullException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public QueueFullException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public QueueFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
