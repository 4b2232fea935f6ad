package dev.chunking.redis.progress;

import dev.chunking.domain.OperationId;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.internal.KeySpace;
import dev.chunking.redis.progress.internal.Clients;
import dev.chunking.redis.progress.internal.ProgressJson;
import dev.chunking.redis.progress.internal.PublishScript;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the last state of an operation by id, whichever instance runs it: what the last event
 * published by a {@link RedisProgressPublisher} left there, until the key expires. Thread-safe;
 * close it to release the connection.
 */
public final class RedisOperationStates implements AutoCloseable {
    private final KeySpace keys;
    private final Clients client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisOperationStates(RedisSettings settings) {
        this.keys = new KeySpace(settings.keyPrefix());
        this.client = Clients.create(settings);
        try {
            this.connection = client.connect();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Connects to Redis.
     *
     * @param settings the server and the key prefix
     * @return the reader
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public static RedisOperationStates connect(RedisSettings settings) {
        return new RedisOperationStates(settings);
    }

    /**
     * Reads an operation's last state.
     *
     * @param operation the operation
     * @return its state, or empty if no event of it was published or its keys expired
     * @throws io.lettuce.core.RedisException if Redis does not answer within the command timeout
     */
    public Optional<OperationState> state(OperationId operation) {
        String json = connection.sync().get(keys.operationState(operation));
        if (json == null) {
            return Optional.empty();
        }
        ProgressJson.Published p = ProgressJson.read(json);
        return Optional.of(OperationState.of(p.epoch(), p.event()));
    }

    /**
     * Reads the events an operation's replay stream still holds (at most
     * {@link RedisSettings#replayEvents()} of its latest, until the keys expire), each as the
     * state it left: for a reader that must fill a gap of its own, such as a relay whose client
     * comes back with the last event it saw. Ordered by run, then by sequence number (two events
     * can reach the stream out of order around a reconnection).
     *
     * @param operation the operation
     * @return the events, oldest first; empty if none is held
     * @throws io.lettuce.core.RedisException if Redis does not answer within the command timeout
     */
    public List<OperationState> replay(OperationId operation) {
        List<OperationState> events = new ArrayList<>();
        List<String> epochs = new ArrayList<>();
        for (StreamMessage<String, String> m : connection.sync().xrange(keys.operationEvents(operation), Range.create("-", "+"))) {
            ProgressJson.Published p = ProgressJson.read(m.getBody().get(PublishScript.FIELD));
            if (!epochs.contains(p.epoch())) {
                epochs.add(p.epoch());
            }
            events.add(OperationState.of(p.epoch(), p.event()));
        }
        events.sort(Comparator.<OperationState>comparingInt(e -> epochs.indexOf(e.epoch())).thenComparingLong(OperationState::sequence));
        return events;
    }

    @Override
    public void close() {
        connection.close();
        client.close();
    }
}
