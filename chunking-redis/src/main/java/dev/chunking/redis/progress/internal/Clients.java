package dev.chunking.redis.progress.internal;

import dev.chunking.redis.RedisSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ConnectionFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Lettuce client of the progress feature and the resources it owns: every command times out
 * after the settings' {@code commandTimeout}, commands fail at once while disconnected (never
 * queued behind an outage), and a lost connection is retried within a second or two. Close it to
 * release the client and its threads.
 */
public final class Clients implements AutoCloseable {
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;

    private Clients(RedisSettings settings) {
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.commandTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
    }

    /**
     * Creates a client, not yet connected.
     *
     * @param settings the server and the command timeout
     * @return the client
     */
    public static Clients create(RedisSettings settings) {
        return new Clients(settings);
    }

    /**
     * Connects, waiting for the server.
     *
     * @return a connection
     * @throws io.lettuce.core.RedisConnectionException if the server cannot be reached
     */
    public StatefulRedisConnection<String, String> connect() {
        return client.connect();
    }

    /**
     * Connects without waiting.
     *
     * @return the connection to come
     */
    public ConnectionFuture<StatefulRedisConnection<String, String>> connectAsync() {
        return client.connectAsync(StringCodec.UTF8, uri);
    }

    /**
     * Connects for pub/sub, waiting for the server.
     *
     * @return a connection
     * @throws io.lettuce.core.RedisConnectionException if the server cannot be reached
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
