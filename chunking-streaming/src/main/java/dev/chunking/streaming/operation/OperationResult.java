package dev.chunking.streaming.operation;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import java.io.IOException;
import java.util.Optional;

/**
 * How an operation ended. Immutable.
 *
 * @param id the operation
 * @param status {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
 * @param bytes the byte offset reached in the source
 * @param chunks chunks handed to the sink by this run (after a resume: only the new ones)
 * @param replacements malformed sequences replaced by U+FFFD in the whole document
 * @param resumedFrom the byte offset this run started reading at: 0, 3 after a byte order mark, or a checkpoint's offset
 * @param checkpoints checkpoints saved by this run
 * @param lastSequence the sequence number of the operation's last event
 * @param failure for {@code FAILED}, the cause; otherwise empty
 */
public record OperationResult(OperationId id, OperationStatus status, long bytes, long chunks, long replacements, long resumedFrom,
                              long checkpoints, long lastSequence, Optional<Throwable> failure) {
    /**
     * For callers that want failures thrown, as a synchronous run would: throws the failure as
     * it was raised (an {@code IOException}, an unchecked exception or an {@code Error}), and
     * does nothing when there is none.
     *
     * @throws IOException if the source failed to read
     */
    public void throwFailure() throws IOException {
        if (failure.isEmpty()) {
            return;
        }
        Throwable cause = failure.get();
        if (cause instanceof IOException) {
            throw (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        throw new OperationFailedException("operation " + id + " failed: " + cause, cause); // a checked exception thrown sneakily
    }
}
