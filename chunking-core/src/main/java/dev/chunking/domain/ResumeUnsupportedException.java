package dev.chunking.domain;

/**
 * Thrown when a run is asked to checkpoint or resume with a strategy or chunker that cannot report or take over at resume points; the message says to run without checkpoints or delete the checkpoint.
 */
public class ResumeUnsupportedException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public ResumeUnsupportedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public ResumeUnsupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
