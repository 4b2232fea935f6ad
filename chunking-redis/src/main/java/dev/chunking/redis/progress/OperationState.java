package dev.chunking.redis.progress;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;

/**
 * Where an operation stands as Redis last heard: its last event, the status that event implies and
 * the run it belongs to. Immutable.
 *
 * @param epoch identifies one run of the operation (chosen by the publisher when the run starts); a
 *     new epoch means the operation was started again, not that events were lost
 * @param status the status the last event implies
 * @param lastEvent the last event published
 * @param eventsSkipped true when a subscriber hands this state in place of events it could no longer
 *     replay (they were dropped while Redis was unreachable, or trimmed from the replay stream)
 */
public record OperationState(String epoch, OperationStatus status, ProgressEvent lastEvent, boolean eventsSkipped) {
    /**
     * Validates the state.
     *
     * @throws IllegalArgumentException if a part is missing
     */
    public OperationState {
        if (epoch == null || status == null || lastEvent == null) {
            throw new IllegalArgumentException("operation state: epoch, status and lastEvent must be set");
        }
    }

    /**
     * The state an event leaves its operation in.
     *
     * @param epoch the run
     * @param event the last event
     * @return the state, {@code eventsSkipped} false
     */
    public static OperationState of(String epoch, ProgressEvent event) {
        return new OperationState(epoch, statusAfter(event.kind()), event, false);
    }

    /**
     * The status an event of this kind leaves its operation in.
     *
     * @param kind the kind of the last event
     * @return {@code RUNNING} for started, progress and checkpoint events, else the final status
     */
    public static OperationStatus statusAfter(ProgressEvent.Kind kind) {
        switch (kind) {
            case COMPLETED:
                return OperationStatus.COMPLETED;
            case FAILED:
                return OperationStatus.FAILED;
            case CANCELLED:
                return OperationStatus.CANCELLED;
            default:
                return OperationStatus.RUNNING;
        }
    }

    /** @return the operation */
    public OperationId operation() {
        return lastEvent.operation();
    }

    /** @return the sequence number of the last event */
    public long sequence() {
        return lastEvent.sequence();
    }

    /**
     * The same state marked as standing in for events that could not be replayed.
     *
     * @return a copy with {@code eventsSkipped} true
     */
    public OperationState skipped() {
        return new OperationState(epoch, status, lastEvent, true);
    }
}
