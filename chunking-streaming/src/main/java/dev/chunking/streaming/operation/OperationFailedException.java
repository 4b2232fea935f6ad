package dev.chunking.streaming.operation;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown by {@link OperationResult#throwFailure()} when an operation failed with a checked exception or an error that is not a {@code ChunkingException}; the cause is the original failure.
 */
public class OperationFailedException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public OperationFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
