package dev.chunking.domain;

/**
 * Thrown when a value the library relies on breaks one of its invariants, for example a token counter that counts a text differently on two calls; the message names the value and the rule it broke.
 */
public class InvariantViolationException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public InvariantViolationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public InvariantViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
