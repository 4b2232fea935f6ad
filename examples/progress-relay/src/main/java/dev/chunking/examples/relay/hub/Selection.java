package dev.chunking.examples.relay.hub;

import dev.chunking.domain.OperationId;
import java.util.Map;
import java.util.Set;

/**
 * What a client follows and where it stands: every operation of the collection, or the ones named;
 * and for each operation it has seen, the last event it applied.
 *
 * @param all follow every operation of the relay's collection
 * @param operations the operations to follow besides (or, when {@code all} is false, only these)
 * @param seen the last event applied per operation; empty on a first connection
 */
public record Selection(boolean all, Set<OperationId> operations, Map<OperationId, Position> seen) {
    /** Copies the collections. */
    public Selection {
        operations = Set.copyOf(operations);
        seen = Map.copyOf(seen);
    }

    /**
     * Whether the selection follows an operation.
     *
     * @param operation the operation
     * @return true when it is followed
     */
    public boolean follows(OperationId operation) {
        return all || operations.contains(operation) || seen.containsKey(operation);
    }
}
