package dev.chunking.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.OperationId;
import dev.chunking.redis.progress.RedisOperationStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances sharing the test Redis: every event reaches every subscribed client on every
 * instance once and in order, and a client that comes back, to any instance, gets what it missed.
 */
class RelayRecoveryIT {
    private Relays relays;

    @BeforeEach
    void start() throws Exception {
        // ~1 MB at 400 KB/s with an event every 50 ms at most: a run of ~2.5 s and some 50 events
        relays = Relays.start(3, b -> b.bytesPerSecond(400_000).bufferSize(16 * 1024).progressInterval(Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() throws Exception {
        relays.close();
    }

    private static List<Long> oneTo(long last) {
        return LongStream.rangeClosed(1, last).boxed().toList();
    }

    @Test
    void everyClientOnEveryInstanceGetsEveryEventOnceAndInOrder() throws Exception {
        String doc = relays.document("a.txt", 1_000_000);
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                clients.add(TestClient.followingAll(relays.url(i)));
            }
        }
        String op = relays.chunk(1, doc);
        for (TestClient c : clients) {
            c.awaitFinal(op);
        }
        long last = clients.get(0).view(op).sequence();
        assertThat(last).isGreaterThan(10);
        for (TestClient c : clients) {
            assertThat(c.eventSequences(op)).isEqualTo(oneTo(last));
            assertThat(c.view(op).event().path("kind").asText()).isEqualTo("COMPLETED");
            assertThat(c.view(op).event().path("bytesDone").asLong()).isEqualTo(c.view(op).event().path("bytesTotal").asLong());
            assertThat(c.duplicates() + c.gaps() + c.backwards()).isZero();
            c.close();
        }
    }

    @Test
    void aClientThatComesBackToAnotherInstanceGetsWhatItMissedThenLiveEvents() throws Exception {
        String doc = relays.document("b.txt", 1_000_000);
        TestClient observer = TestClient.followingAll(relays.url(2));
        TestClient first = TestClient.followingAll(relays.url(0));
        String op = relays.chunk(1, doc);
        first.await(() -> first.view(op) != null && first.view(op).sequence() >= 3, "three events");
        first.abort();
        long left = first.view(op).sequence();
        observer.await(() -> observer.view(op).sequence() >= left + 5, "five events published while the client is away");

        TestClient back = TestClient.connect(relays.url(2), null, first);
        back.subscribeAll();
        back.awaitFinal(op);
        observer.awaitFinal(op);
        long last = observer.view(op).sequence();
        List<Long> both = new ArrayList<>(first.eventSequences(op));
        List<Long> after = back.eventSequences(op);
        assertThat(after.get(0)).isEqualTo(left + 1);
        assertThat(back.messages()).noneMatch(m -> "state".equals(m.path("type").asText()));
        both.addAll(after);
        assertThat(both).startsWith(oneTo(left).toArray(Long[]::new));
        assertThat(both.subList(both.indexOf(left) + 1, both.size())).isEqualTo(LongStream.rangeClosed(left + 1, last).boxed().toList());
        assertThat(back.duplicates() + back.gaps() + back.backwards()).isZero();
        observer.close();
        back.close();
    }

    @Test
    void killingTheInstanceAClientIsOnMovesItToAnotherThatEndsAtTheFinalState() throws Exception {
        String doc = relays.document("c.txt", 1_000_000);
        TestClient client = TestClient.followingAll(relays.url(0));
        String op = relays.chunk(1, doc);
        client.await(() -> client.view(op) != null && client.view(op).sequence() >= 3, "three events");
        relays.stop(0);
        assertThat(client.awaitClosed()).isEqualTo(1001);

        TestClient moved = TestClient.connect(relays.url(2), null, client);
        moved.subscribeAll();
        moved.awaitFinal(op);
        TestClient.View end = moved.view(op);
        assertThat(end.event().path("kind").asText()).isEqualTo("COMPLETED");
        assertThat(end.event().path("bytesDone").asLong()).isEqualTo(end.event().path("bytesTotal").asLong()).isGreaterThan(1_000_000L);
        assertThat(end.skipped()).isFalse();
        assertThat(moved.duplicates() + moved.gaps() + moved.backwards()).isZero();
        long left = client.view(op).sequence();
        assertThat(moved.eventSequences(op)).isEqualTo(LongStream.rangeClosed(left + 1, end.sequence()).boxed().toList());
        moved.close();
    }

    @Test
    void anInstanceThatNeverHeardOfAnOperationServesAReturningClientFromRedis() throws Exception {
        String doc = relays.document("d.txt", 1_000_000);
        TestClient client = TestClient.connect(relays.url(0), null);
        client.subscribe(false, List.of("late-op"));
        client.awaitSynced(1);
        assertThat(relays.post(1, "/api/operations", "{\"path\":\"" + doc + "\",\"operation\":\"late-op\"}").statusCode()).isEqualTo(202);
        client.await(() -> client.view("late-op") != null && client.view("late-op").sequence() >= 2, "two events");
        client.abort();
        assertThat(client.finished("late-op")).isFalse();
        client.await(() -> "COMPLETED".equals(statusOf("late-op")), "the run to end");

        try (Relays fresh = Relays.start(1, b -> b.redisPrefix(relays.redis.prefix))) {
            TestClient back = TestClient.connect(fresh.url(0), null, client);
            back.subscribe(false, List.of("late-op"));
            back.awaitFinal("late-op");
            assertThat(back.eventSequences("late-op").get(0)).isEqualTo(client.view("late-op").sequence() + 1);
            assertThat(back.duplicates() + back.gaps() + back.backwards()).isZero();

            TestClient stranger = TestClient.connect(fresh.url(0), null);
            stranger.subscribe(false, List.of("late-op"));
            stranger.awaitFinal("late-op");
            // a client that never saw it gets its final state, not marked skipped
            assertThat(stranger.messages()).filteredOn(m -> "state".equals(m.path("type").asText())).hasSize(1);
            assertThat(stranger.eventSequences("late-op")).isEmpty();
            assertThat(stranger.view("late-op").skipped()).isFalse();
            back.close();
            stranger.close();
        }
    }

    private String statusOf(String op) {
        try (RedisOperationStates states = RedisOperationStates.connect(relays.redis.settings().build())) {
            return states.state(OperationId.of(op)).map(s -> s.status().name()).orElse("");
        }
    }
}
