package dev.chunking.examples.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A WebSocket client of the relay (the JDK's), applying messages as the page does: per operation
 * the last (epoch, sequence), counting anything the relay promises never to send (a duplicate, an
 * event past a hole, a state older than the view). Thread-safe.
 */
final class TestClient implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

    /** What the client holds of one operation. */
    record View(String epoch, long sequence, JsonNode event, boolean skipped) {
    }

    private final List<JsonNode> messages = new ArrayList<>();
    private final Map<String, View> views = new HashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;
    private String closeReason = "";
    private int duplicates;
    private int gaps;
    private int backwards;
    private int synced;
    private volatile boolean stalled;
    private volatile int pings;

    static TestClient connect(String baseUrl, String origin) {
        return connect(baseUrl, origin, null);
    }

    /** Connects holding what {@code before} held, as a page does after its connection dropped. */
    static TestClient connect(String baseUrl, String origin, TestClient before) {
        TestClient client = new TestClient();
        if (before != null) {
            synchronized (before) {
                client.views.putAll(before.views);
            }
        }
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(URI.create(baseUrl.replace("http", "ws") + "/ws"), client).join();
        return client;
    }

    /** Connects without an origin, follows every operation and waits for the relay's {@code synced}. */
    static TestClient followingAll(String baseUrl) {
        TestClient client = connect(baseUrl, null);
        client.subscribeAll();
        client.awaitSynced(1);
        return client;
    }

    /** Subscribes to every operation, naming what it has seen. */
    void subscribeAll() {
        subscribe(true, List.of());
    }

    synchronized void subscribe(boolean all, List<String> operations) {
        var root = JSON.createObjectNode().put("type", "subscribe").put("all", all);
        operations.forEach(root.putArray("operations")::add);
        var seen = root.putObject("seen");
        views.forEach((op, v) -> seen.putObject(op).put("epoch", v.epoch()).put("sequence", v.sequence()));
        send(root.toString());
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                receive(JSON.readTree(text));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }
        if (!stalled) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        pings++;
        return WebSocket.Listener.super.onPing(webSocket, message);
    }

    /** Stops reading after the next message, as a client on a slow network or a frozen tab would. */
    void stall() {
        stalled = true;
    }

    int pings() {
        return pings;
    }

    private synchronized void receive(JsonNode m) {
        messages.add(m);
        String type = m.path("type").asText();
        if ("synced".equals(type)) {
            synced++;
            return;
        }
        if (!"event".equals(type) && !"state".equals(type)) {
            return;
        }
        String op = m.path("operation").asText();
        String epoch = m.path("epoch").asText();
        long sequence = m.path("sequence").asLong();
        View v = views.get(op);
        boolean sameRun = v != null && v.epoch().equals(epoch);
        if (sameRun && sequence <= v.sequence()) {
            if ("event".equals(type)) {
                duplicates++;
            } else if (sequence < v.sequence()) {
                backwards++; // the same state again changes nothing
            }
            return;
        }
        if ("event".equals(type) && sameRun && sequence != v.sequence() + 1) {
            gaps++;
        }
        boolean skipped = (v != null && v.skipped()) || m.path("skipped").asBoolean(false);
        views.put(op, new View(epoch, sequence, m.path("event"), skipped));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closeReason = reason;
        }
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    synchronized View view(String op) {
        return views.get(op);
    }

    synchronized List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    synchronized int duplicates() {
        return duplicates;
    }

    synchronized int gaps() {
        return gaps;
    }

    synchronized int backwards() {
        return backwards;
    }

    synchronized int syncedCount() {
        return synced;
    }

    /** The events received of one operation, as sequence numbers. */
    synchronized List<Long> eventSequences(String op) {
        List<Long> out = new ArrayList<>();
        for (JsonNode m : messages) {
            if ("event".equals(m.path("type").asText()) && op.equals(m.path("operation").asText())) {
                out.add(m.path("sequence").asLong());
            }
        }
        return out;
    }

    boolean finished(String op) {
        View v = view(op);
        return v != null && FINAL.contains(v.event().path("kind").asText());
    }

    void awaitSynced(int count) {
        await(() -> syncedCount() >= count, "synced #" + count);
    }

    void awaitFinal(String op) {
        await(() -> finished(op), "the final event of " + op);
    }

    int awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    synchronized String closeReason() {
        return closeReason;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; messages: " + tail());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private synchronized String tail() {
        return messages.subList(Math.max(0, messages.size() - 5), messages.size()).toString();
    }

    /** Drops the connection without a close handshake, as a lost network would. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
