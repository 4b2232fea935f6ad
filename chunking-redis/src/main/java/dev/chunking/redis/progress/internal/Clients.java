package dev.chunking.redis.progress.internal;

import dev.chunking.redis.RedisSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce clients for the progress feature: every command times out after the settings'
 * {@code commandTimeout}, commands fail at once while disconnected (never queued behind an
 * outage), and a lost connection is retried within a second or two.
 */
public final class Clients {
    private Clients() {
    }

    /**
     * A client and the resources it owns; close both with {@link #close()}.
     *
     * @param client the client
     * @param resources its resources
     */
    public record Owned(RedisClient client, ClientResources resources) implements AutoCloseable {
        @Override
        public void close() {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /**
     * Creates a client.
     *
     * @param settings the server and the command timeout
     * @return the client, not yet connected
     */
    public static Owned create(RedisSettings settings) {
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.commandTimeout());
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        return new Owned(client, resources);
    }
}
