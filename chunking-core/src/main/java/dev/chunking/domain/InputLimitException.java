package dev.chunking.domain;

/**
 * Thrown when a source is longer than the configured byte limit, for example a device or FIFO
 * that never ends. No chunk beyond the limit is emitted.
 */
public class InputLimitException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the limit and the setting to change
     */
    public InputLimitException(String message) {
        super(message);
    }
}
