package dev.chunking.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a chunking operation stands. It moves only along {@code PENDING → RUNNING →
 * COMPLETED | FAILED | CANCELLED}, or {@code PENDING → CANCELLED} when it is cancelled before
 * it starts; the last three are terminal.
 */
public enum OperationStatus {
    /** Accepted, waiting for a free slot. */
    PENDING,
    /** Reading and chunking its source. */
    RUNNING,
    /** Every chunk was handed to the sink. */
    COMPLETED,
    /** Stopped by an error in the source, the strategy or the sink. */
    FAILED,
    /** Stopped because it was cancelled. */
    CANCELLED;

    /**
     * Whether the status is final.
     *
     * @return true for {@code COMPLETED}, {@code FAILED} and {@code CANCELLED}
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * The statuses this one may move to.
     *
     * @return the legal next statuses; empty for a terminal status
     */
    public Set<OperationStatus> next() {
        switch (this) {
            case PENDING:
                return EnumSet.of(RUNNING, CANCELLED);
            case RUNNING:
                return EnumSet.of(COMPLETED, FAILED, CANCELLED);
            default:
                return EnumSet.noneOf(OperationStatus.class);
        }
    }

    /**
     * Checks a move to another status.
     *
     * @param target the status to move to
     * @return {@code target}
     * @throws IllegalTransitionException if the move is not allowed
     */
    public OperationStatus moveTo(OperationStatus target) {
        if (!next().contains(target)) {
            throw new IllegalTransitionException("an operation cannot move from " + this + " to " + target
                    + (isTerminal() ? ": " + this + " is final" : "; from " + this + " it can move to " + next()));
        }
        return target;
    }
}
