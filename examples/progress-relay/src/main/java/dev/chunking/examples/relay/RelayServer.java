package dev.chunking.examples.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chunking.domain.OperationId;
import dev.chunking.examples.relay.config.RelaySettings;
import dev.chunking.examples.relay.hub.Hub;
import dev.chunking.examples.relay.run.Runs;
import dev.chunking.examples.relay.web.ClientSocket;
import dev.chunking.examples.relay.web.Origins;
import dev.chunking.examples.relay.web.RelayHandler;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.progress.OperationState;
import dev.chunking.redis.progress.ProgressSubscriber;
import dev.chunking.redis.progress.RedisOperationStates;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One relay instance: a Jetty 12 server with the page, the JSON API and the WebSocket endpoint
 * {@code /ws}, a {@link Hub} fed by a Redis subscription to the relay's collection, and the
 * {@link Runs} that chunk documents. Any number of instances sharing one Redis serve the same
 * operations to their clients; none needs sticky sessions. Thread-safe; close it to stop.
 *
 * <pre>{@code
 * try (RelayServer relay = RelayServer.start(RelaySettings.builder("redis://127.0.0.1:6379").port(8081).build())) {
 *     System.out.println(relay.url());
 * }
 * }</pre>
 */
public final class RelayServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events kept per operation for clients that come back. */
    static final int EVENTS_PER_OPERATION = 1000;
    /** Operations kept by the hub; the oldest finished ones are forgotten first. */
    static final int OPERATIONS_KEPT = 500;

    private final RelaySettings settings;
    private final Server server;
    private final ServerConnector connector;
    private final Hub hub;
    private final ProgressSubscriber subscriber;
    private final RedisOperationStates states;
    private final Runs runs;
    private final ScheduledExecutorService pinger;
    private final LongAdder overflows = new LongAdder();
    private final Origins origins = new Origins();
    private ServerWebSocketContainer container;

    private RelayServer(RelaySettings settings) {
        this.settings = settings;
        RedisSettings redis = RedisSettings.builder(settings.redisUri()).keyPrefix(settings.redisPrefix())
                .replayEvents(EVENTS_PER_OPERATION).build();
        this.states = RedisOperationStates.connect(redis);
        this.hub = new Hub(new Hub.History() {
            @Override
            public Optional<OperationState> state(OperationId operation) {
                return states.state(operation);
            }

            @Override
            public List<OperationState> replay(OperationId operation) {
                return states.replay(operation);
            }
        }, EVENTS_PER_OPERATION, OPERATIONS_KEPT, settings.sendQueueLimit() / 2);
        ProgressSubscriber following = null;
        try {
            following = ProgressSubscriber.create(redis, Duration.ofSeconds(1));
            this.runs = new Runs(settings);
        } catch (RuntimeException e) { // Redis away: release what was opened
            if (following != null) {
                following.close();
            }
            hub.close();
            states.close();
            throw e;
        }
        this.subscriber = following;
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("relay-" + settings.instance());
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        if (settings.socketSendBuffer() > 0) {
            connector.setAcceptedSendBufferSize(settings.socketSendBuffer());
        }
        server.addConnector(connector);
        String hello = hello();
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, c -> {
            container = c;
            c.setIdleTimeout(settings.idleTimeout());
            c.setMaxTextMessageSize(settings.maxMessageBytes());
            c.addMapping("/ws", (request, response, callback) -> {
                String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                if (!origins.permits(origin, request.getHeaders().get(HttpHeader.HOST))) {
                    Response.writeError(request, response, callback, 403, "origin " + origin
                            + " may not connect to this relay; start it with --peer " + origin + " to allow it");
                    return null;
                }
                return new ClientSocket(hub, settings.sendQueueLimit(), hello, overflows);
            });
        });
        upgrades.setHandler(new RelayHandler(settings, runs, hub, overflows, origins));
        server.setHandler(upgrades);
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-ping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts an instance: connects to Redis, follows the relay's collection, and listens.
     *
     * @param settings the instance's settings
     * @return the running instance
     * @throws Exception if Redis cannot be reached or the port cannot be bound
     */
    public static RelayServer start(RelaySettings settings) throws Exception {
        RelayServer relay = new RelayServer(settings);
        try {
            relay.subscriber.subscribe(settings.collection(), relay.hub);
            relay.server.start();
            Set<String> allowed = new HashSet<>(settings.peers());
            allowed.add(settings.origin(relay.port()));
            allowed.add("http://localhost:" + relay.port());
            relay.origins.allow(allowed);
            long every = settings.pingInterval().toMillis();
            relay.pinger.scheduleWithFixedDelay(relay::pingAll, every, every, TimeUnit.MILLISECONDS);
        } catch (Exception | Error e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    private String hello() {
        ObjectNode node = JSON.createObjectNode().put("type", "hello").put("instance", settings.instance());
        node.putArray("peers").addAll(settings.peers().stream().map(JSON.getNodeFactory()::textNode).toList());
        return node.toString();
    }

    private void pingAll() {
        ServerWebSocketContainer c = container;
        if (c != null) {
            for (Session s : c.getOpenSessions()) {
                s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            }
        }
    }

    /** Closes every connection with 1001 and a reason, and waits a little for the close handshakes. */
    private void goingAway() throws InterruptedException {
        ServerWebSocketContainer c = container;
        if (c == null) {
            return;
        }
        for (Session s : c.getOpenSessions()) {
            s.close(StatusCode.SHUTDOWN, "relay " + settings.instance() + " is stopping; connect to another instance", Callback.NOOP);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!c.getOpenSessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** @return the port the instance listens on */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the instance's base URL, e.g. {@code http://127.0.0.1:8081} */
    public String url() {
        return settings.origin(port());
    }

    /** @return the instance's settings */
    public RelaySettings settings() {
        return settings;
    }

    /** @return the connections closed so far because their client read too slowly */
    public long slowClientsClosed() {
        return overflows.sum();
    }

    /** @return the WebSocket connections the hub serves */
    public int connections() {
        return hub.connections();
    }

    /** Stops listening (clients are closed with 1001 and move to another instance), then the runs and Redis. */
    @Override
    public void close() {
        pinger.shutdownNow();
        try {
            goingAway();
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the relay's server", e);
        } finally {
            runs.close();
            subscriber.close();
            hub.close();
            states.close();
        }
    }
}
