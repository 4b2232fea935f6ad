package dev.chunking.redis.checkpoint;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.CheckpointStorageException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.checkpoint.internal.CheckpointJson;
import dev.chunking.redis.internal.KeySpace;
import dev.chunking.redis.internal.RedactedUri;
import dev.chunking.spi.CheckpointStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link CheckpointStore} in Redis, so that a run checkpointed on one machine resumes on any
 * other that reaches the same server. A pair's checkpoint is one string of JSON (the same JSON
 * chunking-postgres stores) under {@code <prefix>checkpoint:<collection>:<document>}, the ids in
 * URL-safe Base64. A save is one {@code SET ... PX checkpointTtl}: it replaces the previous
 * checkpoint atomically and makes the key expire when no save follows within
 * {@link RedisSettings#checkpointTtl()}, so a run that is never resumed leaves nothing behind.
 * Durability is the server's (its AOF or RDB settings).
 *
 * <p>Connects on first use and fails each call alone with a {@link CheckpointStorageException}
 * that names the pair, the server (password redacted) and what to check; the next call tries
 * again. Thread-safe: all calls share one connection, which Lettuce multiplexes.
 */
public final class RedisCheckpointStore implements CheckpointStore, AutoCloseable {
    private final RedisClient client;
    private final boolean ownsClient;
    private final RedisURI uri;
    private final RedisSettings settings;
    private final KeySpace keys;
    private final String server;
    private final SetArgs expiry;
    private StatefulRedisConnection<String, String> connection;
    private boolean closed;

    private RedisCheckpointStore(RedisClient client, boolean ownsClient, RedisSettings settings) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.settings = settings;
        this.uri = RedisURI.create(settings.uri());
        this.uri.setTimeout(settings.commandTimeout());
        this.keys = new KeySpace(settings.keyPrefix());
        this.server = RedactedUri.of(settings.uri());
        this.expiry = SetArgs.Builder.px(settings.checkpointTtl().toMillis());
    }

    /**
     * Opens a store with a client of its own, closed by {@link #close()}; connecting waits at most
     * the settings' command timeout. Does not connect yet.
     *
     * @param settings the server, the key prefix, the checkpoint lifetime and the command timeout
     * @return the store
     */
    public static RedisCheckpointStore open(RedisSettings settings) {
        Objects.requireNonNull(settings, "settings");
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build()).build());
        return new RedisCheckpointStore(client, true, settings);
    }

    /**
     * Creates a store over a host's client (its event loops and options), connecting to the
     * settings' server; {@link #close()} closes the store's connection, not the client.
     *
     * @param client the host's client
     * @param settings the server, the key prefix, the checkpoint lifetime and the command timeout
     * @return the store
     */
    public static RedisCheckpointStore over(RedisClient client, RedisSettings settings) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        return new RedisCheckpointStore(client, false, settings);
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointMismatchException if the key holds no checkpoint of this pair; the message says to delete it
     * @throws CheckpointStorageException if Redis cannot be reached or answers with an error
     */
    @Override
    public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
        String key = keys.checkpoint(collection, document);
        String json = call("load", "from", collection, document, redis -> redis.get(key));
        if (json == null) {
            return Optional.empty();
        }
        String where = pair(collection, document) + " (Redis key " + key + ")";
        Checkpoint checkpoint = CheckpointJson.read(json, where);
        if (!checkpoint.collection().equals(collection) || !checkpoint.document().equals(document)) {
            throw new CheckpointMismatchException("the checkpoint of " + where + " belongs to document '"
                    + checkpoint.document().value() + "' of collection '" + checkpoint.collection().value()
                    + "'; delete it to start the document over");
        }
        return Optional.of(checkpoint);
    }

    /**
     * {@inheritDoc} The key expires after {@link RedisSettings#checkpointTtl()} unless saved again.
     *
     * @throws CheckpointStorageException if Redis cannot be reached or answers with an error
     */
    @Override
    public void save(Checkpoint checkpoint) {
        String key = keys.checkpoint(checkpoint.collection(), checkpoint.document());
        String json = CheckpointJson.write(checkpoint);
        call("save", "in", checkpoint.collection(), checkpoint.document(), redis -> redis.set(key, json, expiry));
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointStorageException if Redis cannot be reached or answers with an error
     */
    @Override
    public void delete(CollectionId collection, DocumentId document) {
        String key = keys.checkpoint(collection, document);
        call("delete", "in", collection, document, redis -> redis.del(key));
    }

    /**
     * Closes the store's connection, and its client when {@link #open} made one; later calls fail
     * with an {@link IllegalStateException}.
     */
    @Override
    public void close() {
        StatefulRedisConnection<String, String> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = connection;
            connection = null;
        }
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            if (ownsClient) {
                client.shutdown();
            }
        }
    }

    private <T> T call(String action, String preposition, CollectionId collection, DocumentId document,
                       Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(connection().sync());
        } catch (RedisException e) {
            throw new CheckpointStorageException("cannot " + action + " the checkpoint of " + pair(collection, document)
                    + " " + preposition + " Redis at " + server + ": " + describe(e) + "; check that the server runs and"
                    + " is reachable from this machine, and the URI, password and commandTimeout ("
                    + settings.commandTimeout() + ") of the RedisSettings", e);
        }
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        if (closed) {
            throw new IllegalStateException("this RedisCheckpointStore of " + server + " is closed");
        }
        if (connection == null) {
            StatefulRedisConnection<String, String> opened = client.connect(StringCodec.UTF8, uri);
            opened.setTimeout(settings.commandTimeout());
            connection = opened;
        }
        return connection;
    }

    private static String pair(CollectionId collection, DocumentId document) {
        return "document '" + document.value() + "' of collection '" + collection.value() + "'";
    }

    /** The failure's message, and its root cause's when that says more (such as "Connection refused"). */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(failure.getMessage());
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            return message + " (" + root.getMessage() + ")";
        }
        return message;
    }
}
