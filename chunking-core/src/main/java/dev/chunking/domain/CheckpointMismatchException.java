package dev.chunking.domain;

/**
 * Thrown when a checkpoint does not belong to the run that would resume from it: the source
 * changed, the options or strategy differ, or the format is unknown. Resuming anyway would mix
 * the output of two different runs, so the caller must choose to start over.
 */
public class CheckpointMismatchException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what differs, and how to start over
     */
    public CheckpointMismatchException(String message) {
        super(message);
    }
}
