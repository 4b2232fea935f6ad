package dev.chunking.domain;

/**
 * Thrown when a configuration value is out of range, such as an overlap that is not smaller
 * than the maximum size. The message names the value, the limit and the setting.
 */
public class InvalidOptionsException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the value, the limit and the setting to change
     */
    public InvalidOptionsException(String message) {
        super(message);
    }
}
