package dev.chunking.domain;

/**
 * Thrown when a plugin (an embedder, a token counter, a strategy from another jar) fails or breaks its contract while chunking; the message names the plugin and what it did.
 */
public class PluginFailureException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, the value and limit involved, and what to change
     */
    public PluginFailureException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what happened, the value and limit involved, and what to change
     * @param cause the underlying failure
     */
    public PluginFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
