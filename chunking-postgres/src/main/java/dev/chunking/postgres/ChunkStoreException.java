package dev.chunking.postgres;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown when the PostgreSQL chunk store cannot do what was asked: the server cannot be reached
 * (after the configured attempts), or a statement failed. The message says what was being done,
 * for which collection and document, the server's own message, and what to check. Nothing is
 * half-written: the failed transaction rolled back whole.
 */
public class ChunkStoreException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to check
     * @param cause the driver's failure
     */
    public ChunkStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
