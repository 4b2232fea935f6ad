package dev.chunking.postgres;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown when the database's chunking schema cannot be brought to this library's version: it is
 * newer than the library, or a migration failed. The message names both versions and what to do.
 */
public class SchemaVersionException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the versions involved and what to change
     */
    public SchemaVersionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the database's failure.
     *
     * @param message the versions involved and what to change
     * @param cause the database's failure
     */
    public SchemaVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
