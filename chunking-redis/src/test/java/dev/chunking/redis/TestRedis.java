package dev.chunking.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A key prefix of its own on the test server, whose keys are deleted when closed, so tests never
 * see each other's keys and never touch anyone else's (no FLUSHALL). The server is
 * {@code CHUNKING_REDIS_URL} when set, else the one every development and CI machine runs
 * ({@code redis://127.0.0.1:6379}).
 */
public final class TestRedis implements AutoCloseable {
    /** The test server. */
    public static final String URI = System.getenv().getOrDefault("CHUNKING_REDIS_URL", "redis://127.0.0.1:6379");

    /** This instance's key prefix. */
    public final String prefix = "chunking-test:" + UUID.randomUUID() + ":";

    private final RedisClient client = RedisClient.create(URI);
    private final StatefulRedisConnection<String, String> connection = client.connect();

    /** @return settings over the test server under this prefix */
    public RedisSettings.Builder settings() {
        return RedisSettings.builder(URI).keyPrefix(prefix);
    }

    /** @return synchronous commands on a connection of this instance, for assertions */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /**
     * Lists the keys under this prefix.
     *
     * @return the keys
     */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    @Override
    public void close() {
        List<String> keys = keys();
        if (!keys.isEmpty()) {
            commands().unlink(keys.toArray(new String[0]));
        }
        connection.close();
        client.shutdown();
    }
}
