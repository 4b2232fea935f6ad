package dev.chunking.domain;

/**
 * Thrown by a {@code ChunkSink} that will not take a chunk (a value its store refuses, a quota
 * reached, a store that is shutting down). The run stops there: the chunks before it stay
 * delivered, and a checkpointed run resumes from its last committed checkpoint once the cause
 * is fixed. The message names the chunk and what the sink would need.
 */
public class ChunkRefusedException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the chunk (document and index), why it was refused and what to change
     */
    public ChunkRefusedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message the chunk (document and index), why it was refused and what to change
     * @param cause the store's failure
     */
    public ChunkRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
