package dev.chunking.examples.relay.config;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.InvalidOptionsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one relay instance runs: where it listens, which Redis it shares with the other instances,
 * where its documents come from, and the bounds that keep a client from exhausting it. Immutable;
 * build one with {@link #builder(String)}.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param instance this instance's name, shown to clients
 * @param redisUri the Redis every instance shares
 * @param redisPrefix the prefix of every Redis key and channel the relay uses
 * @param collection the collection every operation of the relay belongs to (the page follows it)
 * @param baseDirectory the folder named documents are read from, through the path guard; empty to refuse named documents
 * @param maxUploadBytes the largest upload accepted
 * @param peers the base URLs of the other instances, offered to the page for fail-over and allowed as origins
 * @param sendQueueLimit the most messages waiting to be sent to one client before it is disconnected
 * @param maxMessageBytes the largest text message a client may send
 * @param pingInterval how often an idle connection is pinged
 * @param idleTimeout how long a connection may stay silent (no message, no pong) before it is closed
 * @param maxConcurrent operations run at once by this instance; the others wait
 * @param bytesPerSecond the read rate shared by all operations of the collection on every instance, 0 for none
 * @param bufferSize bytes read at a time by an operation (a progress event is sent at most once per buffer)
 * @param progressInterval the least time between two progress events of an operation
 * @param socketSendBuffer the kernel's send buffer per connection in bytes (what a slow client can hold
 *     up before its send queue fills), 0 for the system's default, which grows to a few MB
 */
public record RelaySettings(String host, int port, String instance, String redisUri, String redisPrefix, CollectionId collection,
                            Optional<Path> baseDirectory, long maxUploadBytes, List<String> peers, int sendQueueLimit,
                            int maxMessageBytes, Duration pingInterval, Duration idleTimeout, int maxConcurrent, long bytesPerSecond,
                            int bufferSize, Duration progressInterval, int socketSendBuffer) {
    /** Default upload limit: 64 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 64L << 20;
    /**
     * Default send queue per client: 2,000 messages. Half of it bounds the events sent in answer to
     * one subscribe (a returning client that missed more gets states), so a resume never trips it.
     */
    public static final int DEFAULT_SEND_QUEUE_LIMIT = 2000;
    /** Default largest client message: 64 KiB (a subscribe naming some 800 running operations it has seen). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    /**
     * Validates the settings.
     *
     * @throws InvalidOptionsException naming the setting that is out of range
     */
    public RelaySettings {
        require(host != null && !host.isBlank(), "host must be set");
        require(port >= 0 && port <= 65535, "port must be 0 to 65535, got " + port);
        require(instance != null && !instance.isBlank(), "instance must be set");
        require(redisUri != null && !redisUri.isBlank(), "redisUri must be set");
        require(redisPrefix != null, "redisPrefix must not be null");
        require(collection != null && baseDirectory != null && peers != null, "collection, baseDirectory and peers must be set");
        require(maxUploadBytes > 0, "maxUploadBytes must be above 0, got " + maxUploadBytes);
        require(sendQueueLimit >= 2, "sendQueueLimit must be at least 2, got " + sendQueueLimit);
        require(maxMessageBytes >= 256, "maxMessageBytes must be at least 256, got " + maxMessageBytes);
        require(positive(pingInterval) && positive(idleTimeout) && positive(progressInterval),
                "pingInterval, idleTimeout and progressInterval must be above 0");
        require(idleTimeout.compareTo(pingInterval) > 0, "idleTimeout (" + idleTimeout + ") must be longer than pingInterval ("
                + pingInterval + "), or every connection would time out between two pings");
        require(maxConcurrent >= 1, "maxConcurrent must be at least 1, got " + maxConcurrent);
        require(bytesPerSecond >= 0, "bytesPerSecond must not be negative, got " + bytesPerSecond);
        require(bufferSize >= 1 && bufferSize <= 1 << 20, "bufferSize must be 1 to 1048576, got " + bufferSize);
        require(socketSendBuffer >= 0, "socketSendBuffer must not be negative, got " + socketSendBuffer);
        // a page connects to peer + "/ws" and names its origin without a trailing slash
        peers = List.copyOf(Objects.requireNonNull(peers).stream().map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p).toList());
    }

    /**
     * Starts settings with the defaults: 127.0.0.1 on a free port, instance {@code relay}, prefix
     * {@code relay:}, collection {@code relay}, no base directory, 64 MiB uploads, 2,000 queued
     * messages, 64 KiB messages, a ping every 15 s, 60 s idle timeout, 4 operations at once, no
     * rate limit, 64 KiB buffers, a progress event every 250 ms at most.
     *
     * @param redisUri the Redis every instance shares, e.g. {@code redis://127.0.0.1:6379}
     * @return a builder
     */
    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    /**
     * The origin of this instance as a browser sends it.
     *
     * @param actualPort the port the instance listens on
     * @return {@code http://host:port}
     */
    public String origin(int actualPort) {
        return "http://" + host + ":" + actualPort;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidOptionsException("relay settings: " + message);
        }
    }

    /** Builds {@link RelaySettings}; not thread-safe. */
    public static final class Builder {
        private final String redisUri;
        private String host = "127.0.0.1";
        private int port;
        private String instance = "relay";
        private String redisPrefix = "relay:";
        private CollectionId collection = CollectionId.of("relay");
        private Path baseDirectory;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private final List<String> peers = new ArrayList<>();
        private int sendQueueLimit = DEFAULT_SEND_QUEUE_LIMIT;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration pingInterval = Duration.ofSeconds(15);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxConcurrent = 4;
        private long bytesPerSecond;
        private int bufferSize = 64 * 1024;
        private Duration progressInterval = Duration.ofMillis(250);
        private int socketSendBuffer;

        private Builder(String redisUri) {
            this.redisUri = redisUri;
        }

        /**
         * @param value the address to listen on
         * @return this builder
         */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /**
         * @param value the port, 0 for any free one
         * @return this builder
         */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /**
         * @param value this instance's name
         * @return this builder
         */
        public Builder instance(String value) {
            instance = value;
            return this;
        }

        /**
         * @param value the prefix of the relay's Redis keys and channels
         * @return this builder
         */
        public Builder redisPrefix(String value) {
            redisPrefix = value;
            return this;
        }

        /**
         * @param value the collection of the relay's operations
         * @return this builder
         */
        public Builder collection(CollectionId value) {
            collection = value;
            return this;
        }

        /**
         * @param value the folder named documents are read from
         * @return this builder
         */
        public Builder baseDirectory(Path value) {
            baseDirectory = value;
            return this;
        }

        /**
         * @param value the largest upload in bytes
         * @return this builder
         */
        public Builder maxUploadBytes(long value) {
            maxUploadBytes = value;
            return this;
        }

        /**
         * @param value the base URL of another instance, e.g. {@code http://127.0.0.1:8082}
         * @return this builder
         */
        public Builder peer(String value) {
            peers.add(value);
            return this;
        }

        /**
         * @param value the most messages queued for one client
         * @return this builder
         */
        public Builder sendQueueLimit(int value) {
            sendQueueLimit = value;
            return this;
        }

        /**
         * @param value the largest client message in bytes
         * @return this builder
         */
        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        /**
         * @param value how often idle connections are pinged
         * @return this builder
         */
        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        /**
         * @param value how long a silent connection is kept
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /**
         * @param value operations run at once by this instance
         * @return this builder
         */
        public Builder maxConcurrent(int value) {
            maxConcurrent = value;
            return this;
        }

        /**
         * @param value the collection's shared read rate in bytes per second, 0 for none
         * @return this builder
         */
        public Builder bytesPerSecond(long value) {
            bytesPerSecond = value;
            return this;
        }

        /**
         * @param value bytes read at a time by an operation
         * @return this builder
         */
        public Builder bufferSize(int value) {
            bufferSize = value;
            return this;
        }

        /**
         * @param value the least time between two progress events of an operation
         * @return this builder
         */
        public Builder progressInterval(Duration value) {
            progressInterval = value;
            return this;
        }

        /**
         * @param value the kernel's send buffer per connection in bytes, 0 for the system's default
         * @return this builder
         */
        public Builder socketSendBuffer(int value) {
            socketSendBuffer = value;
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidOptionsException naming a setting out of range
         */
        public RelaySettings build() {
            return new RelaySettings(host, port, instance, redisUri, redisPrefix, collection, Optional.ofNullable(baseDirectory),
                    maxUploadBytes, peers, sendQueueLimit, maxMessageBytes, pingInterval, idleTimeout, maxConcurrent, bytesPerSecond,
                    bufferSize, progressInterval, socketSendBuffer);
        }
    }
}
