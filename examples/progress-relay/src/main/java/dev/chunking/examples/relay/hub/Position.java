package dev.chunking.examples.relay.hub;

import dev.chunking.domain.InvalidOptionsException;

/**
 * The last event of an operation a client applied: the run's epoch and the event's sequence number.
 *
 * @param epoch the run, as published through Redis
 * @param sequence the event's number in the run, at least 1
 */
public record Position(String epoch, long sequence) {
    /**
     * Validates the position.
     *
     * @throws InvalidOptionsException if the epoch is blank or the sequence below 1
     */
    public Position {
        if (epoch == null || epoch.isBlank() || sequence < 1) {
            throw new InvalidOptionsException("position: epoch must be set and sequence at least 1, got " + epoch + " / " + sequence);
        }
    }
}
