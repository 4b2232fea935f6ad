package dev.chunking.redis.progress;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.internal.KeySpace;
import dev.chunking.redis.progress.internal.Clients;
import dev.chunking.redis.progress.internal.ProgressJson.Published;
import dev.chunking.redis.progress.internal.ProgressJson;
import dev.chunking.redis.progress.internal.PublishScript;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows operations published by a {@link RedisProgressPublisher}, from any instance. A
 * subscription to an operation hands its current state first (when it has one), then every later
 * event exactly once and in order. Lettuce reconnects and subscribes again by itself after a lost
 * connection; the subscriber notices (a connection listener, a jump in the sequence numbers, and a
 * look at the last state of every operation that was quiet for a {@code checkInterval}) and
 * replays what it missed from the operation's stream. When the stream no longer holds it (events dropped while Redis was down, or
 * trimmed), it hands the current state with {@link OperationState#eventsSkipped()} true: a handler
 * is never left short without being told.
 *
 * <p>A subscription to a collection does the same for every operation of the collection it hears
 * of: every event of a run it hears start, else the operation's state first, then its events. Operations that start and end entirely while
 * the subscriber is disconnected are not heard of.
 *
 * <p>Handlers are called on one thread of the subscriber, one call at a time. Close the subscriber
 * to release its connections and thread.
 */
public final class ProgressSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressSubscriber.class);

    /** Receives what a subscription delivers; called on the subscriber's thread. */
    public interface Handler {
        /**
         * An operation's state: first of all, and in place of events that could not be replayed
         * ({@link OperationState#eventsSkipped()} true).
         *
         * @param state the state
         */
        void onState(OperationState state);

        /**
         * The next event of an operation.
         *
         * @param event the event
         */
        void onEvent(ProgressEvent event);

        /**
         * The next event of an operation, with the epoch of the run it belongs to: for a handler
         * that passes events on and must let its own readers tell runs apart (a relay). Calls
         * {@link #onEvent(ProgressEvent)} unless overridden.
         *
         * @param epoch the run's epoch, as in {@link OperationState#epoch()}
         * @param event the event
         */
        default void onEvent(String epoch, ProgressEvent event) {
            onEvent(event);
        }
    }

    /** An active subscription; closing it stops the deliveries. */
    public interface Subscription extends AutoCloseable {
        /** Stops the deliveries. */
        @Override
        void close();
    }

    private final KeySpace keys;
    private final Clients client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final ScheduledExecutorService worker;
    private volatile Thread workerThread;
    private final Map<String, List<Channel>> channels = new ConcurrentHashMap<>();
    /** Checks in a row the periodic check may put off while messages wait. */
    private static final int MAX_POSTPONED_CHECKS = 4;
    /** Messages received and not yet delivered. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Periodic checks put off in a row; confined to the worker thread. */
    private int postponedChecks;
    private final Follower.Store store = new Follower.Store() {
        @Override
        public Optional<Published> state(OperationId operation) {
            String json = commands.sync().get(keys.operationState(operation));
            return json == null ? Optional.empty() : Optional.of(ProgressJson.read(json));
        }

        @Override
        public Map<OperationId, Optional<Published>> states(List<OperationId> operations) {
            // one MGET for all: the check runs on the thread that delivers live events
            List<KeyValue<String, String>> values = commands.sync().mget(
                    operations.stream().map(keys::operationState).toArray(String[]::new));
            Map<OperationId, Optional<Published>> states = new HashMap<>();
            for (int i = 0; i < operations.size(); i++) {
                KeyValue<String, String> v = values.get(i);
                states.put(operations.get(i), v.hasValue() ? Optional.of(ProgressJson.read(v.getValue())) : Optional.empty());
            }
            return states;
        }

        @Override
        public List<Published> replay(OperationId operation) {
            List<Published> events = new ArrayList<>();
            for (StreamMessage<String, String> m : commands.sync().xrange(keys.operationEvents(operation), Range.create("-", "+"))) {
                events.add(ProgressJson.read(m.getBody().get(PublishScript.FIELD)));
            }
            return events;
        }
    };

    /** What listens on one channel: an operation's follower, or a collection's followers. */
    private final class Channel {
        private final Handler handler;
        private final OperationId operation;
        private final Map<OperationId, Follower> followers = new HashMap<>();

        Channel(Handler handler, OperationId operation) {
            this.handler = handler;
            this.operation = operation;
            if (operation != null) {
                followers.put(operation, new Follower(operation, handler, store));
            }
        }

        void message(Published p) {
            OperationId op = p.event().operation();
            if (operation != null && !operation.equals(op)) {
                return;
            }
            Follower f = followers.get(op);
            if (f == null) {
                f = new Follower(op, handler, store);
                if (Follower.startsRun(p)) {
                    f.startAtRunStart();
                }
                followers.put(op, f);
            }
            f.onMessage(p);
        }

        /**
         * Looks at the operations followed: all of them after a reconnection ({@code all}), else
         * those quiet since the previous check.
         */
        void check(boolean all) {
            List<Follower> due = new ArrayList<>();
            for (Follower f : List.copyOf(followers.values())) {
                if (operation == null && f.finishedChecks() >= 2) {
                    // finished two checks ago: late messages of it were handled, forget it
                    followers.remove(f.operation());
                } else if (f.quietSinceLastCheck() || all) {
                    due.add(f);
                }
            }
            if (due.isEmpty()) {
                return;
            }
            Map<OperationId, Optional<Published>> states = store.states(due.stream().map(Follower::operation).toList());
            for (Follower f : due) {
                f.catchUp(states.getOrDefault(f.operation(), Optional.empty()));
            }
        }
    }

    private ProgressSubscriber(RedisSettings settings, Duration checkInterval) {
        this.keys = new KeySpace(settings.keyPrefix());
        this.client = Clients.create(settings);
        try {
            this.commands = client.connect();
            this.pubsub = client.connectPubSub();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chunking-redis-progress-subscriber");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                queued.incrementAndGet();
                worker.execute(() -> {
                    queued.decrementAndGet();
                    deliver(channel, message);
                });
            }
        });
        pubsub.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                worker.schedule(() -> checkAll(true), 100, TimeUnit.MILLISECONDS);
            }
        });
        long every = Math.max(1, checkInterval.toMillis());
        worker.scheduleWithFixedDelay(this::periodicCheck, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to Redis; looks at the last state of every quiet followed operation once a second.
     *
     * @param settings the server and the key prefix
     * @return the subscriber
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public static ProgressSubscriber create(RedisSettings settings) {
        return new ProgressSubscriber(settings, Duration.ofSeconds(1));
    }

    /**
     * Connects to Redis.
     *
     * @param settings the server and the key prefix
     * @param checkInterval how often to look at the last state of the followed operations that were
     *     quiet since the previous look (a missed final event goes unnoticed for at most two intervals,
     *     or six while messages keep arriving faster than they are handled)
     * @return the subscriber
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public static ProgressSubscriber create(RedisSettings settings, Duration checkInterval) {
        return new ProgressSubscriber(settings, checkInterval);
    }

    /**
     * Follows one operation: its current state first (if it has one), then its events.
     *
     * @param operation the operation
     * @param handler receives the state and the events
     * @return the subscription
     * @throws io.lettuce.core.RedisException if Redis does not confirm the subscription
     */
    public Subscription subscribe(OperationId operation, Handler handler) {
        return listen(keys.operationChannel(operation), new Channel(handler, operation));
    }

    /**
     * Follows every operation of a collection: for each one heard of, its state, then its events.
     *
     * @param collection the collection
     * @param handler receives the states and the events
     * @return the subscription
     * @throws io.lettuce.core.RedisException if Redis does not confirm the subscription
     */
    public Subscription subscribe(CollectionId collection, Handler handler) {
        return listen(keys.collectionChannel(collection), new Channel(handler, null));
    }

    private Subscription listen(String name, Channel channel) {
        channels.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(channel);
        try {
            pubsub.sync().subscribe(name);
        } catch (RuntimeException e) {
            channels.computeIfPresent(name, (n, list) -> {
                list.remove(channel);
                return list.isEmpty() ? null : list;
            });
            throw e;
        }
        try {
            Runnable start = () -> {
                for (Follower f : channel.followers.values()) {
                    f.start();
                }
            };
            if (Thread.currentThread() == workerThread) {
                start.run(); // subscribing from a handler
            } else {
                worker.submit(start).get();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the state on subscribing to {}; the next check will: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("could not read the state on subscribing to {}; the next check will: {}", name, e.getCause().toString());
        }
        return () -> {
            List<Channel> list = channels.get(name);
            if (list != null) {
                list.remove(channel);
                if (list.isEmpty()) {
                    channels.remove(name);
                    pubsub.async().unsubscribe(name);
                }
            }
        };
    }

    private void deliver(String name, String message) {
        List<Channel> list = channels.get(name);
        if (list == null) {
            return;
        }
        Published p;
        try {
            p = ProgressJson.read(message);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a message on {} that is not a progress event: {}", name, e.getMessage());
            return;
        }
        for (Channel c : list) {
            try {
                c.message(p);
            } catch (RuntimeException e) {
                LOG.warn("could not deliver an event of {} on {}; the next check will: {}", p.event().operation(), name, e.toString());
            }
        }
    }

    /**
     * The periodic look at quiet operations, put off while messages wait on this thread (up to
     * {@value #MAX_POSTPONED_CHECKS} times in a row): read then, Redis is ahead of what was
     * delivered only because the deliveries queue behind the check, and each operation would be
     * replayed from its stream for nothing, holding live events back further.
     */
    private void periodicCheck() {
        if (queued.get() > 0 && postponedChecks < MAX_POSTPONED_CHECKS) {
            postponedChecks++;
            return;
        }
        postponedChecks = 0;
        checkAll(false);
    }

    private void checkAll(boolean all) {
        for (List<Channel> list : channels.values()) {
            for (Channel c : list) {
                try {
                    c.check(all);
                } catch (RuntimeException e) {
                    LOG.debug("check of progress failed, next time: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pubsub.close();
        commands.close();
        client.close();
    }
}
