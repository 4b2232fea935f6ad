package dev.chunking.examples.relay.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One load client: subscribes to one operation when its connection opens, then checks every
 * {@code event} and {@code state} of it: a sequence at or below the last one applied in the same
 * epoch is a duplicate, a jump (or a state that says events were skipped) a gap. Jetty hands it
 * one message at a time; its figures are read under its lock by {@link LoadRun}. Public only because
 * Jetty calls its listener methods through method handles; made by {@link LoadClients}.
 */
public final class ClientTracker implements Session.Listener.AutoDemanding {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

    /** What the client tells {@link LoadClients} about its progress. */
    interface Events {
        /** The client's connection failed or closed before {@code synced}, or it was never opened. */
        void failed(ClientTracker client, String why);

        /** The client received {@code synced}. */
        void synced(ClientTracker client);

        /** The client saw its operation's last event, or its connection closed after {@code synced}. */
        void done(ClientTracker client);
    }

    private final String operation;
    private final String subscribe;
    private final LatencyHistogram latencies;
    private final Events events;

    private boolean synced;
    private boolean failed;
    private boolean done;
    private String epoch;
    private long last;
    private long distinct;
    private long duplicates;
    private long gaps;
    private long messages;
    private long foreign;
    private long finalSequence = -1;
    private String finalKind;
    private int closeStatus = -1;
    private String closeReason;

    ClientTracker(String operation, LatencyHistogram latencies, Events events) {
        this.operation = operation;
        this.subscribe = JSON.createObjectNode().put("type", "subscribe").put("all", false)
                .<ObjectNode>set("operations", JSON.createArrayNode().add(operation))
                .set("seen", JSON.createObjectNode()).toString();
        this.latencies = latencies;
        this.events = events;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.sendText(subscribe, Callback.from(() -> { }, e -> fail("subscribe not sent: " + e)));
    }

    @Override
    public void onWebSocketText(String message) {
        long now = nowMicros();
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (IOException e) {
            fail("not JSON: " + message);
            return;
        }
        String type = root.path("type").asText();
        switch (type) {
            case "synced" -> onSynced();
            case "event", "state" -> apply(root, "event".equals(type), now);
            default -> { } // hello
        }
    }

    private void onSynced() {
        boolean first;
        synchronized (this) {
            first = !synced && !failed;
            synced = true;
        }
        if (first) {
            events.synced(this);
        }
    }

    private void apply(JsonNode root, boolean isEvent, long now) {
        boolean finished = false;
        synchronized (this) {
            messages++;
            if (!operation.equals(root.path("operation").asText())) {
                foreign++;
                return;
            }
            String runEpoch = root.path("epoch").asText();
            long sequence = root.path("sequence").asLong();
            if (!runEpoch.equals(epoch)) {
                if (epoch != null) {
                    gaps++; // a new run of the operation: what this one had is gone
                }
                epoch = runEpoch;
                last = 0;
                distinct = 0;
            }
            if (sequence <= last) {
                duplicates++;
                return;
            }
            if (sequence != last + 1 || !isEvent && root.path("skipped").asBoolean()) {
                gaps++;
            }
            last = sequence;
            distinct++;
            JsonNode event = root.path("event");
            if (isEvent) {
                latencies.record(now - event.path("atMicros").asLong(now));
            }
            String kind = event.path("kind").asText();
            if (TERMINAL.contains(kind) && finalSequence < 0) {
                finalSequence = sequence;
                finalKind = kind;
                finished = markDone();
            }
        }
        if (finished) {
            events.done(this);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        boolean wasSynced;
        boolean finished;
        synchronized (this) {
            closeStatus = statusCode;
            closeReason = reason;
            wasSynced = synced;
            finished = wasSynced && markDone();
        }
        if (!wasSynced) {
            fail("closed " + statusCode + " " + reason);
        } else if (finished) {
            events.done(this);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        boolean wasSynced;
        synchronized (this) {
            wasSynced = synced;
        }
        if (!wasSynced) {
            fail(cause.toString());
        }
    }

    /** Marks the client failed before {@code synced}; the first call tells {@link Events}. */
    void fail(String why) {
        synchronized (this) {
            if (synced || failed) {
                return;
            }
            failed = true;
        }
        events.failed(this, why);
    }

    private boolean markDone() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
    }

    String operation() {
        return operation;
    }

    synchronized boolean synced() {
        return synced;
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long gaps() {
        return gaps;
    }

    synchronized long messages() {
        return messages;
    }

    synchronized long foreign() {
        return foreign;
    }

    /** @return the sequence of the operation's last event, -1 until seen */
    synchronized long finalSequence() {
        return finalSequence;
    }

    synchronized String finalKind() {
        return finalKind;
    }

    /** @return the close status, -1 while open */
    synchronized int closeStatus() {
        return closeStatus;
    }

    synchronized String closeReason() {
        return closeReason;
    }
}
