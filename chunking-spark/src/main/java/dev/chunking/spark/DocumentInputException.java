package dev.chunking.spark;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown when the documents' {@code Dataset} does not fit the {@link DocumentColumns}: a column is
 * missing or of the wrong type (on the driver, before any task runs), or a row has a null id or
 * content, an id the library does not accept, or a path that cannot be read (in the task that
 * meets it; Spark then fails the job with this exception as its cause). The message gives the
 * value, the row's place and the setting to change.
 */
public class DocumentInputException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the value, where it is and what to change
     */
    public DocumentInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message the value, where it is and what to change
     * @param cause the underlying failure
     */
    public DocumentInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
