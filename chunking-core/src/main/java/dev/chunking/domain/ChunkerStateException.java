package dev.chunking.domain;

/**
 * Thrown when a chunker is used out of order, for example fed after {@code finish()} or
 * after {@code close()}.
 */
public class ChunkerStateException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was called and in which state
     */
    public ChunkerStateException(String message) {
        super(message);
    }
}
