package dev.chunking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a chunking operation reports to its progress listener. Every event carries a sequence
 * number that starts at 1 and grows by exactly one per event of the operation (a resumed
 * operation goes on from its checkpoint), so a listener can drop duplicates and notice gaps.
 * Immutable.
 *
 * @param operation the operation
 * @param sequence 1 for the first event of the operation, then one more for each
 * @param kind what happened
 * @param at when it happened, from the operation service's clock
 * @param collection the collection of the document
 * @param document the document
 * @param bytesDone bytes of the source read so far (for {@code FAILED}, the offset reached)
 * @param bytesTotal the source's size, when known in advance
 * @param chunks chunks handed to the sink so far, counted from the start of the document
 * @param bytesPerSecond bytes read per second since this run started; 0 before any time passed
 * @param failure for {@code FAILED}, the reason; otherwise empty
 */
public record ProgressEvent(OperationId operation, long sequence, Kind kind, Instant at, CollectionId collection,
                            DocumentId document, long bytesDone, OptionalLong bytesTotal, long chunks, double bytesPerSecond,
                            Optional<String> failure) {
    /** What an event reports. */
    public enum Kind {
        /** The operation started reading (or resumed from a checkpoint). */
        STARTED,
        /** Bytes were read and chunks produced; throttled. */
        PROGRESS,
        /** A checkpoint was saved; the run can be resumed from here. */
        CHECKPOINT,
        /** Every chunk was handed to the sink. */
        COMPLETED,
        /** The operation failed; {@link #failure()} says why. */
        FAILED,
        /** The operation was cancelled. */
        CANCELLED;

        /**
         * Whether the event reports a change of state, which is never throttled away.
         *
         * @return true for everything but {@code PROGRESS}
         */
        public boolean isStateChange() {
            return this != PROGRESS;
        }
    }

    /**
     * Validates the event.
     *
     * @throws InvalidOptionsException if a part is missing or a count is negative
     */
    public ProgressEvent {
        if (operation == null || kind == null || at == null || collection == null || document == null || bytesTotal == null
                || failure == null) {
            throw new InvalidOptionsException("progress event: operation, kind, at, collection, document, bytesTotal and failure must be set");
        }
        if (sequence < 1 || bytesDone < 0 || chunks < 0 || bytesPerSecond < 0 || Double.isNaN(bytesPerSecond)) {
            throw new InvalidOptionsException("progress event: sequence must be at least 1 and counts not negative, got sequence "
                    + sequence + ", bytesDone " + bytesDone + ", chunks " + chunks + ", bytesPerSecond " + bytesPerSecond);
        }
        if (failure.isPresent() != (kind == Kind.FAILED)) {
            throw new InvalidOptionsException("progress event: a failure reason goes with FAILED events only, got " + kind);
        }
    }

    /**
     * The share of the source read, when its size is known.
     *
     * @return 0 to 100, or empty for sources of unknown size
     */
    public OptionalDouble percent() {
        if (bytesTotal.isEmpty()) {
            return OptionalDouble.empty();
        }
        long total = bytesTotal.getAsLong();
        return OptionalDouble.of(total == 0 ? 100.0 : Math.min(100.0, 100.0 * bytesDone / total));
    }

    /**
     * The estimated time left at the current rate, when the size is known and bytes are flowing.
     *
     * @return the estimate, or empty
     */
    public Optional<Duration> eta() {
        if (bytesTotal.isEmpty() || bytesPerSecond <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, bytesTotal.getAsLong() - bytesDone);
        return Optional.of(Duration.ofNanos((long) Math.min(Long.MAX_VALUE, left / bytesPerSecond * 1e9)));
    }
}
