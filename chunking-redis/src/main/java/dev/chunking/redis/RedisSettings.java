package dev.chunking.redis;

import dev.chunking.domain.InvalidOptionsException;
import java.time.Duration;

/**
 * Where the Redis features keep their state and for how long: the server, the prefix of every
 * key they write (so several applications, or tests, share a server without meeting), and the
 * lifetimes that make every key expire. Immutable; build with {@link #builder(String)}.
 *
 * @param uri the server, such as {@code redis://127.0.0.1:6379} (Lettuce's URI syntax, {@code rediss://} for TLS)
 * @param keyPrefix the prefix of every key, such as {@code chunking:}; not empty
 * @param runningTtl how long the state of a running operation lives without an update
 * @param finishedTtl how long the state and events of a finished operation stay readable
 * @param checkpointTtl how long a checkpoint lives without being saved again
 * @param replayEvents how many events of an operation its replay stream keeps, 1 or more
 * @param commandTimeout how long one command may take before it fails
 */
public record RedisSettings(String uri, String keyPrefix, Duration runningTtl, Duration finishedTtl, Duration checkpointTtl,
                            int replayEvents, Duration commandTimeout) {
    /**
     * Validates the settings.
     *
     * @throws InvalidOptionsException naming the setting to change
     */
    public RedisSettings {
        if (uri == null || !(uri.startsWith("redis://") || uri.startsWith("rediss://") || uri.startsWith("redis-socket://"))) {
            throw new InvalidOptionsException("Redis URI '" + uri + "' is not a redis:// or rediss:// URI; use e.g."
                    + " redis://127.0.0.1:6379");
        }
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new InvalidOptionsException("the key prefix must not be empty; set keyPrefix, e.g. to \"chunking:\"");
        }
        positive(runningTtl, "runningTtl");
        positive(finishedTtl, "finishedTtl");
        positive(checkpointTtl, "checkpointTtl");
        positive(commandTimeout, "commandTimeout");
        if (replayEvents < 1) {
            throw new InvalidOptionsException("replayEvents " + replayEvents + " must be at least 1; set replayEvents");
        }
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero() || value.toMillis() < 1) {
            throw new InvalidOptionsException(name + " " + value + " must be at least 1 ms; set " + name);
        }
    }

    /**
     * Starts a builder with the defaults: prefix {@code chunking:}, running operations 24 h, finished
     * ones 1 h, checkpoints 7 days, 1,000 replayable events per operation, commands 2 s.
     *
     * @param uri the server
     * @return a builder
     */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /** Builds {@link RedisSettings}; not thread-safe. */
    public static final class Builder {
        private final String uri;
        private String keyPrefix = "chunking:";
        private Duration runningTtl = Duration.ofHours(24);
        private Duration finishedTtl = Duration.ofHours(1);
        private Duration checkpointTtl = Duration.ofDays(7);
        private int replayEvents = 1000;
        private Duration commandTimeout = Duration.ofSeconds(2);

        private Builder(String uri) {
            this.uri = uri;
        }

        /**
         * @param value the prefix of every key
         * @return this builder
         */
        public Builder keyPrefix(String value) {
            this.keyPrefix = value;
            return this;
        }

        /**
         * @param value the lifetime of a running operation's keys without an update
         * @return this builder
         */
        public Builder runningTtl(Duration value) {
            this.runningTtl = value;
            return this;
        }

        /**
         * @param value the lifetime of a finished operation's keys
         * @return this builder
         */
        public Builder finishedTtl(Duration value) {
            this.finishedTtl = value;
            return this;
        }

        /**
         * @param value the lifetime of a checkpoint without a new save
         * @return this builder
         */
        public Builder checkpointTtl(Duration value) {
            this.checkpointTtl = value;
            return this;
        }

        /**
         * @param value how many events an operation's replay stream keeps
         * @return this builder
         */
        public Builder replayEvents(int value) {
            this.replayEvents = value;
            return this;
        }

        /**
         * @param value how long one command may take
         * @return this builder
         */
        public Builder commandTimeout(Duration value) {
            this.commandTimeout = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws InvalidOptionsException if a value is out of range
         */
        public RedisSettings build() {
            return new RedisSettings(uri, keyPrefix, runningTtl, finishedTtl, checkpointTtl, replayEvents, commandTimeout);
        }
    }
}
