package dev.chunking.examples.relay.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.OperationId;
import dev.chunking.examples.relay.hub.Client;
import dev.chunking.examples.relay.hub.Hub;
import dev.chunking.examples.relay.hub.Position;
import dev.chunking.examples.relay.hub.Selection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One WebSocket connection: takes the client's {@code subscribe} messages to the hub and sends what
 * the hub hands it. Sends never block: at most {@code sendQueueLimit} messages may wait to be
 * written, and a client that lets more pile up (it reads too slowly) is closed with 1013 and a
 * reason, so it never slows the others. Thread-safe.
 */
public final class ClientSocket implements Session.Listener.AutoDemanding, Client {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Operations one subscribe may name (in {@code operations} and {@code seen} together). */
    static final int MAX_NAMED = 2000;

    private final Hub hub;
    private final int sendQueueLimit;
    private final String hello;
    private final LongAdder overflows;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;

    /**
     * Makes the endpoint of one connection.
     *
     * @param hub the instance's hub
     * @param sendQueueLimit the most messages waiting to be written
     * @param hello the first message sent on the connection
     * @param overflows counts the connections closed for reading too slowly
     */
    public ClientSocket(Hub hub, int sendQueueLimit, String hello, LongAdder overflows) {
        this.hub = hub;
        this.sendQueueLimit = sendQueueLimit;
        this.hello = hello;
        this.overflows = overflows;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        send(hello);
        hub.connect(this);
    }

    @Override
    public void onWebSocketText(String message) {
        Selection selection;
        try {
            selection = parse(message);
        } catch (IOException | ChunkingException | IllegalArgumentException e) {
            close(StatusCode.BAD_DATA, "not a subscribe message: " + e.getMessage());
            return;
        }
        hub.subscribe(this, selection);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.set(true);
        hub.disconnect(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.set(true);
        hub.disconnect(this);
    }

    @Override
    public boolean send(String message) {
        Session s = session;
        if (s == null || closed.get()) {
            return false;
        }
        int now = waiting.incrementAndGet();
        if (now > sendQueueLimit) {
            waiting.decrementAndGet();
            if (!closed.get()) {
                overflows.increment();
            }
            close(StatusCode.TRY_AGAIN_LATER, "send queue full: " + now + " messages waiting, limit " + sendQueueLimit
                    + " (sendQueueLimit); read faster or follow fewer operations");
            return false;
        }
        s.sendText(message, Callback.from(waiting::decrementAndGet, failure -> waiting.decrementAndGet()));
        return true;
    }

    /** Sends a ping, which the client answers with a pong that keeps the connection from timing out. */
    void ping() {
        Session s = session;
        if (s != null && s.isOpen() && !closed.get()) {
            s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /** Closes the connection with a status and a reason, once. */
    void close(int status, String reason) {
        Session s = session;
        if (s != null && closed.compareAndSet(false, true)) {
            hub.disconnect(this);
            s.close(status, reason, Callback.NOOP);
        }
    }

    /** @return the messages waiting to be written */
    int waiting() {
        return waiting.get();
    }

    /**
     * Reads a {@code subscribe} message.
     *
     * @param message the JSON text
     * @return the selection
     * @throws IOException if it is not JSON
     * @throws IllegalArgumentException if it is not a subscribe message
     */
    static Selection parse(String message) throws IOException {
        JsonNode root = JSON.readTree(message);
        if (root == null || !"subscribe".equals(root.path("type").asText())) {
            throw new IllegalArgumentException("expected {\"type\":\"subscribe\",...}");
        }
        Set<OperationId> operations = new HashSet<>();
        for (JsonNode op : root.path("operations")) {
            operations.add(OperationId.of(op.asText()));
        }
        Map<OperationId, Position> seen = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("seen").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            seen.put(OperationId.of(e.getKey()), new Position(e.getValue().path("epoch").asText(), e.getValue().path("sequence").asLong()));
        }
        if (operations.size() + seen.size() > MAX_NAMED) {
            throw new IllegalArgumentException("a subscribe may name at most " + MAX_NAMED + " operations, got "
                    + (operations.size() + seen.size()));
        }
        return new Selection(root.path("all").asBoolean(false), operations, seen);
    }
}
