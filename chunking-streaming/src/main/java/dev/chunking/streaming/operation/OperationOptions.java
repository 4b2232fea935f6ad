package dev.chunking.streaming.operation;

import dev.chunking.application.Chunking;
import dev.chunking.domain.InvalidOptionsException;
import java.time.Duration;

/**
 * How one operation reads its source and reports: the read buffer, the byte limit, how often it
 * saves a checkpoint and how often it sends a {@code PROGRESS} event. Immutable.
 *
 * <p>A {@code PROGRESS} event goes out after a buffer when {@code progressInterval} has passed
 * since the previous one, or when {@code progressEveryBytes} more bytes were read, whichever
 * comes first: the interval caps the rate of a fast run (at most 4 a second by default, unless
 * it reads more than {@code progressEveryBytes} in 250 ms), the byte count guarantees a report
 * for every so many bytes. State changes ({@code STARTED}, {@code CHECKPOINT} and the final
 * event) are never throttled.
 *
 * @param bufferSize bytes read from the source at a time, 1 to {@value #MAX_BUFFER_SIZE}; cancellation takes effect within one buffer
 * @param byteLimit the most bytes this run may read from its source, 0 for no cap of its own (the default); an extra,
 *     per-run cap beside the chunking options' {@link dev.chunking.domain.InputLimits#maxDocumentBytes()}, which every
 *     way of chunking enforces (this run too). Use it to give one run, such as one caller's request, a smaller budget
 *     without building another {@link Chunking}; the run is refused at the smaller of the two, naming that setting
 * @param checkpointEveryChunks save a checkpoint after at least this many chunks (with a checkpoint store)
 * @param checkpointEveryBytes or after at least this many bytes, whichever comes first
 * @param progressInterval the least time between two {@code PROGRESS} events, unless the byte count comes first
 * @param progressEveryBytes a {@code PROGRESS} event at least every this many bytes read
 */
public record OperationOptions(int bufferSize, long byteLimit, int checkpointEveryChunks, long checkpointEveryBytes,
                               Duration progressInterval, long progressEveryBytes) {
    /** Default read buffer: 64 KiB. */
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;
    /** Largest read buffer: 1 MiB. */
    public static final int MAX_BUFFER_SIZE = 1 << 20;

    private static final OperationOptions DEFAULTS = new OperationOptions(DEFAULT_BUFFER_SIZE, 0, 1000, 64L << 20,
            Duration.ofMillis(250), 256L << 20);

    /**
     * Validates the options.
     *
     * @throws InvalidOptionsException naming the setting to change when a value is out of range
     */
    public OperationOptions {
        if (bufferSize < 1 || bufferSize > MAX_BUFFER_SIZE) {
            throw new InvalidOptionsException("buffer size " + bufferSize + " is outside 1.." + MAX_BUFFER_SIZE
                    + " bytes; set bufferSize within that range");
        }
        if (byteLimit < 0) {
            throw new InvalidOptionsException("byte limit " + byteLimit + " is negative; set byteLimit to 0 (none) or more");
        }
        if (checkpointEveryChunks < 1 || checkpointEveryBytes < 1) {
            throw new InvalidOptionsException("checkpoint intervals must be at least 1 (chunks " + checkpointEveryChunks
                    + ", bytes " + checkpointEveryBytes + "); set checkpointEveryChunks and checkpointEveryBytes");
        }
        if (progressInterval == null || progressInterval.isNegative()) {
            throw new InvalidOptionsException("progress interval " + progressInterval + " must be set and not negative; set progressInterval");
        }
        if (progressEveryBytes < 1) {
            throw new InvalidOptionsException("progressEveryBytes " + progressEveryBytes + " must be at least 1; set progressEveryBytes");
        }
    }

    /**
     * The defaults: 64 KiB buffer, no byte limit, a checkpoint every 1000 chunks or 64 MiB, progress
     * every 250 ms or 256 MiB.
     *
     * @return the defaults
     */
    public static OperationOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from {@link #defaults()}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OperationOptions}; not thread-safe. */
    public static final class Builder {
        private int bufferSize = DEFAULTS.bufferSize;
        private long byteLimit = DEFAULTS.byteLimit;
        private int checkpointEveryChunks = DEFAULTS.checkpointEveryChunks;
        private long checkpointEveryBytes = DEFAULTS.checkpointEveryBytes;
        private Duration progressInterval = DEFAULTS.progressInterval;
        private long progressEveryBytes = DEFAULTS.progressEveryBytes;

        private Builder() {
        }

        /**
         * Sets the read buffer size.
         *
         * @param value bytes, 1 to {@value OperationOptions#MAX_BUFFER_SIZE}
         * @return this builder
         */
        public Builder bufferSize(int value) {
            bufferSize = value;
            return this;
        }

        /**
         * Sets this run's own byte limit, beside the chunking options'
         * {@link dev.chunking.domain.InputLimits#maxDocumentBytes()}.
         *
         * @param value the most bytes the run may read from its source, 0 for no cap of its own
         * @return this builder
         */
        public Builder byteLimit(long value) {
            byteLimit = value;
            return this;
        }

        /**
         * Sets how many chunks may pass between checkpoints.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder checkpointEveryChunks(int value) {
            checkpointEveryChunks = value;
            return this;
        }

        /**
         * Sets how many bytes may pass between checkpoints.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder checkpointEveryBytes(long value) {
            checkpointEveryBytes = value;
            return this;
        }

        /**
         * Sets the least time between two progress events.
         *
         * @param value not negative
         * @return this builder
         */
        public Builder progressInterval(Duration value) {
            progressInterval = value;
            return this;
        }

        /**
         * Sets the bytes after which a progress event is due whatever the time.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder progressEveryBytes(long value) {
            progressEveryBytes = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws InvalidOptionsException if a value is out of range
         */
        public OperationOptions build() {
            return new OperationOptions(bufferSize, byteLimit, checkpointEveryChunks, checkpointEveryBytes, progressInterval,
                    progressEveryBytes);
        }
    }
}
