package dev.chunking.domain;

/**
 * Thrown when a checkpoint store cannot save, load or delete a checkpoint (a full disk, a read-only directory, a lost connection); the message names the store's location and the cause.
 */
public class CheckpointStorageException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public CheckpointStorageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public CheckpointStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
