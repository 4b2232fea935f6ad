package dev.chunking.domain;

/** Thrown when an operation is asked to move to a status it cannot reach from where it stands. */
public class IllegalTransitionException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the two statuses and the legal moves
     */
    public IllegalTransitionException(String message) {
        super(message);
    }
}
