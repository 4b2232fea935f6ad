package dev.chunking.examples.relay.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.progress.OperationState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's promises to its clients, with clients that record what they are sent. */
class HubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OperationId A = OperationId.of("a");
    private static final OperationId B = OperationId.of("b");

    /** A client that records its messages. */
    static final class Recording implements Client {
        final List<JsonNode> got = new ArrayList<>();

        @Override
        public synchronized boolean send(String message) {
            try {
                got.add(JSON.readTree(message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }

        synchronized List<String> summary() {
            List<String> out = new ArrayList<>();
            for (JsonNode m : got) {
                String type = m.path("type").asText();
                out.add("synced".equals(type) ? "synced" : "unavailable".equals(type) ? "unavailable " + m.path("operation").asText() : type + " " + m.path("operation").asText() + " " + m.path("epoch").asText()
                        + "#" + m.path("sequence").asLong() + (m.path("skipped").asBoolean() ? " skipped" : ""));
            }
            return out;
        }

        void awaitSynced() throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!summary().contains("synced") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

    }

    private final Map<OperationId, List<OperationState>> redis = new HashMap<>();
    private volatile boolean redisDown;
    private Hub hub = hub(100, 100, 1000);

    private Hub hub(int eventsPerOperation, int maxOperations, int resumeBudget) {
        return new Hub(new Hub.History() {
            @Override
            public Optional<OperationState> state(OperationId operation) {
                if (redisDown) {
                    throw new IllegalStateException("Redis is down");
                }
                List<OperationState> events = redis.getOrDefault(operation, List.of());
                return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
            }

            @Override
            public List<OperationState> replay(OperationId operation) {
                return redis.getOrDefault(operation, List.of());
            }
        }, eventsPerOperation, maxOperations, resumeBudget);
    }

    /** Replaces the hub with one of other bounds. */
    private void restart(int eventsPerOperation, int maxOperations, int resumeBudget) {
        hub.close();
        hub = hub(eventsPerOperation, maxOperations, resumeBudget);
    }

    @AfterEach
    void close() {
        hub.close();
    }

    static ProgressEvent event(OperationId op, long sequence, ProgressEvent.Kind kind) {
        return new ProgressEvent(op, sequence, kind, Instant.ofEpochSecond(1_800_000_000L, sequence * 1000), CollectionId.of("relay"),
                DocumentId.of("doc.txt"), sequence * 10, OptionalLong.of(1000), sequence, 5.0,
                kind == ProgressEvent.Kind.FAILED ? Optional.of("broken") : Optional.empty());
    }

    private void publish(OperationId op, String epoch, long from, long to) {
        for (long n = from; n <= to; n++) {
            hub.onEvent(epoch, event(op, n, n == 1 ? ProgressEvent.Kind.STARTED : ProgressEvent.Kind.PROGRESS));
        }
    }

    private Recording connect(boolean all, Set<OperationId> ops, Map<OperationId, Position> seen) throws InterruptedException {
        Recording c = new Recording();
        hub.connect(c);
        hub.subscribe(c, new Selection(all, ops, seen));
        c.awaitSynced(); // an operation the hub has not heard of is read from Redis first
        return c;
    }

    @Test
    void sendsEveryLiveEventOnceAndInOrderToEachFollowerOnly() throws Exception {
        Recording all = connect(true, Set.of(), Map.of());
        Recording onlyA = connect(false, Set.of(A), Map.of());
        Recording onlyB = connect(false, Set.of(B), Map.of());
        publish(A, "e1", 1, 3);
        publish(A, "e1", 2, 3); // the subscriber never repeats, but a repeat must not reach clients
        hub.drain();
        List<String> expected = List.of("synced", "event a e1#1", "event a e1#2", "event a e1#3");
        assertThat(all.summary()).isEqualTo(expected);
        assertThat(onlyA.summary()).isEqualTo(expected);
        assertThat(onlyB.summary()).containsExactly("synced");
    }

    @Test
    void aReturningClientGetsTheEventsAfterItsPositionThenSynced() throws Exception {
        publish(A, "e1", 1, 6);
        Recording back = connect(true, Set.of(), Map.of(A, new Position("e1", 4)));
        assertThat(back.summary()).containsExactly("event a e1#5", "event a e1#6", "synced");
        publish(A, "e1", 7, 7);
        hub.drain();
        assertThat(back.summary()).endsWith("event a e1#7");
    }

    @Test
    void aClientThatMissedMoreThanTheHubHoldsIsToldWithASkippedState() throws Exception {
        restart(3, 100, 1000);
        publish(A, "e1", 1, 10);
        Recording back = connect(true, Set.of(), Map.of(A, new Position("e1", 2)));
        assertThat(back.summary()).containsExactly("state a e1#10 skipped", "synced");
    }

    @Test
    void theResumeBudgetTurnsALongCatchUpIntoAState() throws Exception {
        restart(100, 100, 3);
        publish(A, "e1", 1, 10);
        Recording back = connect(false, Set.of(A), Map.of(A, new Position("e1", 5)));
        assertThat(back.summary()).containsExactly("state a e1#10 skipped", "synced");
        Recording near = connect(false, Set.of(A), Map.of(A, new Position("e1", 8)));
        assertThat(near.summary()).containsExactly("event a e1#9", "event a e1#10", "synced");
    }

    @Test
    void aClientThatNeverSawAnOperationGetsOneUnskippedStateOrTheFirstEventOfARunStartingNow() throws Exception {
        publish(A, "e1", 1, 3);
        publish(B, "e2", 1, 1);
        Recording fresh = connect(true, Set.of(), Map.of());
        assertThat(fresh.summary()).containsExactly("state a e1#3", "event b e2#1", "synced");
    }

    @Test
    void aNewRunOfAnOperationIsSentFromItsStart() throws Exception {
        Recording c = connect(true, Set.of(), Map.of());
        publish(A, "e1", 1, 2);
        publish(A, "e2", 1, 2);
        hub.drain();
        assertThat(c.summary()).containsExactly("synced", "event a e1#1", "event a e1#2", "event a e2#1", "event a e2#2");
    }

    @Test
    void aStateFromTheSubscriberReplacesTheViewOnlyWhenItIsNewer() throws Exception {
        Recording c = connect(true, Set.of(), Map.of());
        publish(A, "e1", 1, 3);
        hub.onState(OperationState.of("e1", event(A, 2, ProgressEvent.Kind.PROGRESS)));
        hub.onState(OperationState.of("e1", event(A, 8, ProgressEvent.Kind.PROGRESS)).skipped());
        hub.drain();
        assertThat(c.summary()).containsExactly("synced", "event a e1#1", "event a e1#2", "event a e1#3", "state a e1#8 skipped");
    }

    @Test
    void anOperationTheHubNeverHeardOfIsReadFromRedisForTheClientThatNamesIt() throws Exception {
        store(A, "e1", 5);
        Recording back = connect(false, Set.of(), Map.of(A, new Position("e1", 2)));
        assertThat(back.summary()).containsExactly("event a e1#3", "event a e1#4", "event a e1#5", "synced");
        Recording unknown = connect(false, Set.of(B), Map.of()); // not in Redis either: it may start later
        assertThat(unknown.summary()).containsExactly("synced");
    }

    @Test
    void finishedOperationsAreForgottenOldestFirstPastTheLimit() throws Exception {
        restart(10, 2, 1000);
        for (String id : List.of("x", "y", "z")) {
            hub.onEvent("e", event(OperationId.of(id), 1, ProgressEvent.Kind.COMPLETED));
        }
        Recording fresh = connect(true, Set.of(), Map.of());
        assertThat(fresh.summary()).containsExactly("event y e#1", "event z e#1", "synced");
    }

    @Test
    void aDisconnectedClientIsSentNothingMore() throws Exception {
        Recording c = connect(true, Set.of(), Map.of());
        hub.disconnect(c);
        publish(A, "e1", 1, 2);
        hub.drain();
        assertThat(c.summary()).containsExactly("synced");
        assertThat(hub.connections()).isZero();
    }

    private void store(OperationId op, String epoch, long last) {
        List<OperationState> events = new ArrayList<>();
        for (long n = 1; n <= last; n++) {
            events.add(OperationState.of(epoch, event(op, n, n == 1 ? ProgressEvent.Kind.STARTED : ProgressEvent.Kind.PROGRESS)));
        }
        redis.put(op, events);
    }

    @Test
    void aStateThatIsJustTheNextEventIsPassedOnAsThatEvent() throws Exception {
        Recording c = connect(true, Set.of(), Map.of());
        publish(A, "e1", 1, 2);
        hub.onState(OperationState.of("e1", event(A, 3, ProgressEvent.Kind.PROGRESS)));
        hub.drain();
        assertThat(c.summary()).containsExactly("synced", "event a e1#1", "event a e1#2", "event a e1#3");
    }

    @Test
    void aClientIsToldWhenAnOperationItNamedCannotBeReadFromRedis() throws Exception {
        redisDown = true;
        Recording back = connect(false, Set.of(), Map.of(A, new Position("e1", 2)));
        assertThat(back.summary()).containsExactly("unavailable a", "synced");
    }

    @Test
    void oneBudgetBoundsTheWholeAnswerToASubscribeReadsFromRedisIncluded() throws Exception {
        restart(100, 100, 12);
        store(A, "e1", 10);
        store(B, "e2", 10);
        Recording back = connect(false, Set.of(), Map.of(A, new Position("e1", 1), B, new Position("e2", 1)));
        List<String> got = back.summary();
        assertThat(got).filteredOn(m -> m.startsWith("event")).hasSize(9); // one operation's 9 missed events
        assertThat(got).filteredOn(m -> m.startsWith("state")).hasSize(1).allMatch(m -> m.endsWith("#10 skipped"));
        assertThat(got).endsWith("synced");
    }

    @Test
    void aClientThatLeavesLeavesNothingInTheIndex() throws Exception {
        restart(10, 1, 1000);
        Recording c = connect(true, Set.of(B), Map.of(A, new Position("e1", 1)));
        hub.onEvent("e1", event(A, 2, ProgressEvent.Kind.COMPLETED));
        hub.onEvent("e3", event(OperationId.of("c"), 1, ProgressEvent.Kind.COMPLETED)); // forgets a
        hub.drain();
        assertThat(hub.indexEntries()).isEqualTo(3);
        hub.disconnect(c);
        hub.drain();
        assertThat(hub.indexEntries()).isZero();
    }
}
