package dev.chunking.examples.relay.run;

import dev.chunking.domain.OperationId;
import java.util.Optional;

/**
 * How a client asks a document to be chunked.
 *
 * @param operation the id to give the operation, so a client can follow it before it starts; empty for a new one
 * @param strategy the strategy's name, e.g. {@code recursive}
 * @param maxSize the largest chunk, in code points
 * @param overlap the overlap between chunks, in code points
 */
public record RunOptions(Optional<OperationId> operation, String strategy, int maxSize, int overlap) {
    /** The options when a request names none: {@code recursive}, 1000, no overlap. */
    public static final RunOptions DEFAULTS = new RunOptions(Optional.empty(), "recursive", 1000, 0);

    /**
     * Validates the options.
     *
     * @throws RelayRequestException (400) naming the value out of range
     */
    public RunOptions {
        if (operation == null || strategy == null || strategy.isBlank()) {
            throw new RelayRequestException(400, "strategy must be set, e.g. \"recursive\"");
        }
        if (maxSize < 1 || maxSize > 1_000_000) {
            throw new RelayRequestException(400, "maxSize must be 1 to 1000000, got " + maxSize);
        }
        if (overlap < 0 || overlap >= maxSize) {
            throw new RelayRequestException(400, "overlap must be 0 to maxSize - 1 (" + (maxSize - 1) + "), got " + overlap);
        }
    }
}
