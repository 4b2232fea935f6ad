package dev.chunking.postgres;

import dev.chunking.domain.InvalidOptionsException;
import java.time.Duration;

/**
 * How a {@link PostgresChunkStore} batches, reads and retries. Immutable; build one with
 * {@link #builder()} or take {@link #defaults()}.
 *
 * <p>A writer sends its chunks in batches of at most {@code batchChunks} chunks or
 * {@code batchBytes} bytes of text, whichever comes first, one COPY per batch in one transaction
 * (with the checkpoint that covers them, when the run saves one). A transaction whose connection
 * is lost is run again, whole, up to {@code attempts} times in all, waiting {@code firstBackoff}
 * after the first failure and twice as long after each further one, never longer than
 * {@code maxBackoff}; a statement that fails for any other reason is not run again.
 *
 * @param batchChunks most chunks per batch, 1 to 1,000,000
 * @param batchBytes most UTF-8 bytes of chunk text per batch, 1 KiB to 1 GiB
 * @param fetchSize rows a read fetches per round trip of its server-side cursor, 1 or more
 * @param attempts how many times a write or delete runs at most when its connection is lost, 1 or more
 * @param firstBackoff the wait before the second attempt, not negative
 * @param maxBackoff the longest wait between attempts, at least {@code firstBackoff}
 * @param migrate whether {@link PostgresChunkStore#create} applies the schema migrations first
 */
public record PostgresStoreOptions(int batchChunks, long batchBytes, int fetchSize, int attempts, Duration firstBackoff,
                                   Duration maxBackoff, boolean migrate) {
    private static final PostgresStoreOptions DEFAULTS = new PostgresStoreOptions(2000, 16L << 20, 1000, 5,
            Duration.ofMillis(100), Duration.ofSeconds(5), true);

    /**
     * Validates the options.
     *
     * @throws InvalidOptionsException naming the setting to change when a value is out of range
     */
    public PostgresStoreOptions {
        if (batchChunks < 1 || batchChunks > 1_000_000) {
            throw new InvalidOptionsException("batchChunks " + batchChunks + " is outside 1..1000000; set batchChunks within it");
        }
        if (batchBytes < 1024 || batchBytes > (1L << 30)) {
            throw new InvalidOptionsException("batchBytes " + batchBytes + " is outside 1024.." + (1L << 30)
                    + " bytes; set batchBytes within it");
        }
        if (fetchSize < 1) {
            throw new InvalidOptionsException("fetchSize " + fetchSize + " must be at least 1; set fetchSize");
        }
        if (attempts < 1) {
            throw new InvalidOptionsException("attempts " + attempts + " must be at least 1 (1 means no retry); set attempts");
        }
        if (firstBackoff == null || maxBackoff == null || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new InvalidOptionsException("backoff " + firstBackoff + " to " + maxBackoff + " must be set, not negative,"
                    + " and the first no longer than the longest; set firstBackoff and maxBackoff");
        }
    }

    /**
     * Returns the defaults: batches of 2,000 chunks or 16 MiB, cursor fetches of 1,000 rows,
     * 5 attempts with backoff from 100 ms to 5 s, migrations applied at start.
     *
     * @return the defaults
     */
    public static PostgresStoreOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PostgresStoreOptions}; not thread-safe. */
    public static final class Builder {
        private int batchChunks = DEFAULTS.batchChunks;
        private long batchBytes = DEFAULTS.batchBytes;
        private int fetchSize = DEFAULTS.fetchSize;
        private int attempts = DEFAULTS.attempts;
        private Duration firstBackoff = DEFAULTS.firstBackoff;
        private Duration maxBackoff = DEFAULTS.maxBackoff;
        private boolean migrate = DEFAULTS.migrate;

        private Builder() {
        }

        /**
         * @param value most chunks per batch
         * @return this builder
         */
        public Builder batchChunks(int value) {
            this.batchChunks = value;
            return this;
        }

        /**
         * @param value most bytes of chunk text per batch
         * @return this builder
         */
        public Builder batchBytes(long value) {
            this.batchBytes = value;
            return this;
        }

        /**
         * @param value rows per cursor fetch
         * @return this builder
         */
        public Builder fetchSize(int value) {
            this.fetchSize = value;
            return this;
        }

        /**
         * @param value attempts in all after a lost connection
         * @return this builder
         */
        public Builder attempts(int value) {
            this.attempts = value;
            return this;
        }

        /**
         * @param first the wait before the second attempt
         * @param max the longest wait
         * @return this builder
         */
        public Builder backoff(Duration first, Duration max) {
            this.firstBackoff = first;
            this.maxBackoff = max;
            return this;
        }

        /**
         * @param value whether the store applies the migrations when created
         * @return this builder
         */
        public Builder migrate(boolean value) {
            this.migrate = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws InvalidOptionsException if a value is out of range
         */
        public PostgresStoreOptions build() {
            return new PostgresStoreOptions(batchChunks, batchBytes, fetchSize, attempts, firstBackoff, maxBackoff, migrate);
        }
    }
}
