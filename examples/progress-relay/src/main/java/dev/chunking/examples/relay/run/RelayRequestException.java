package dev.chunking.examples.relay.run;

import dev.chunking.domain.ChunkingException;

/**
 * A request the relay refuses, with the HTTP status that says why; the message says what to fix.
 */
public class RelayRequestException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the refusal. */
    private final int status;

    /**
     * Makes the refusal.
     *
     * @param status the HTTP status, e.g. 400 or 413
     * @param message what was wrong and what to change
     */
    public RelayRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
