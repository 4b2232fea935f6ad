package dev.chunking.streaming;

import dev.chunking.application.OperationOptions;
import dev.chunking.domain.InvalidOptionsException;

/**
 * How a source is read and how often checkpoints are taken. Immutable; build with
 * {@link #builder()} or start from {@link #defaults()}.
 *
 * @param bufferSize bytes per read, 1 to 1 MiB (default 64 KiB); the output never depends on it
 * @param byteLimit stop with an {@code InputLimitException} after this many bytes; 0 for no limit
 * @param checkpointEveryChunks take a checkpoint once this many chunks were emitted since the last (default 1000)
 * @param checkpointEveryBytes or once this many bytes were read since the last (default 64 MiB)
 */
public record StreamingOptions(int bufferSize, long byteLimit, int checkpointEveryChunks, long checkpointEveryBytes) {
    /** Default bytes per read: 64 KiB. */
    public static final int DEFAULT_BUFFER_SIZE = OperationOptions.DEFAULT_BUFFER_SIZE;
    /** Largest buffer accepted: 1 MiB. */
    public static final int MAX_BUFFER_SIZE = OperationOptions.MAX_BUFFER_SIZE;

    private static final StreamingOptions DEFAULTS = new StreamingOptions(DEFAULT_BUFFER_SIZE, 0, 1000, 64L << 20);

    /**
     * Validates the options.
     *
     * @throws InvalidOptionsException naming the value, the limit and the setting
     */
    public StreamingOptions {
        toOperationOptions(bufferSize, byteLimit, checkpointEveryChunks, checkpointEveryBytes);
    }

    /**
     * The same settings as options of an operation, with the default progress intervals.
     *
     * @return the operation options
     */
    public OperationOptions toOperationOptions() {
        return toOperationOptions(bufferSize, byteLimit, checkpointEveryChunks, checkpointEveryBytes);
    }

    private static OperationOptions toOperationOptions(int bufferSize, long byteLimit, int everyChunks, long everyBytes) {
        return OperationOptions.builder().bufferSize(bufferSize).byteLimit(byteLimit).checkpointEveryChunks(everyChunks)
                .checkpointEveryBytes(everyBytes).build();
    }

    /**
     * Returns the defaults: 64 KiB reads, no byte limit, a checkpoint every 1000 chunks or 64 MiB.
     *
     * @return the defaults
     */
    public static StreamingOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder preset to the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private int bufferSize = DEFAULTS.bufferSize;
        private long byteLimit = DEFAULTS.byteLimit;
        private int checkpointEveryChunks = DEFAULTS.checkpointEveryChunks;
        private long checkpointEveryBytes = DEFAULTS.checkpointEveryBytes;

        private Builder() {
        }

        /**
         * Sets the bytes per read.
         *
         * @param value 1 to 1 MiB
         * @return this builder
         */
        public Builder bufferSize(int value) {
            bufferSize = value;
            return this;
        }

        /**
         * Sets the byte limit.
         *
         * @param value bytes, or 0 for none
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
         * Validates and builds.
         *
         * @return the options
         */
        public StreamingOptions build() {
            return new StreamingOptions(bufferSize, byteLimit, checkpointEveryChunks, checkpointEveryBytes);
        }
    }
}
