package dev.chunking.domain;

/**
 * Thrown when an input passes a limit: a document longer, or making more chunks or more
 * metadata per chunk, than its {@link InputLimits} allow; a source longer than an operation's
 * byte limit (for example a device or FIFO that never ends); or more operations waiting than a
 * service queues. The message names the value, the limit and the setting to change. No chunk
 * beyond the limit is emitted, and none is cut short to fit.
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
