package dev.chunking.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bounds that keep one client from hurting the relay or the other clients. */
class RelayLimitsIT {
    private Relays relays;

    @BeforeEach
    void start() throws Exception {
        // a small kernel buffer, so a stalled client fills its send queue after a few hundred events, not thousands
        relays = Relays.start(1, b -> b.sendQueueLimit(20).socketSendBuffer(8192).maxMessageBytes(512).pingInterval(Duration.ofMillis(100))
                .idleTimeout(Duration.ofMillis(600)).bufferSize(1024).progressInterval(Duration.ofMillis(1))
                .bytesPerSecond(1_500_000)); // a run of ~2 s with an event per 1 KiB buffer
    }

    @AfterEach
    void stop() throws Exception {
        relays.close();
    }

    @Test
    void aClientThatReadsTooSlowlyIsClosedWithAReasonWhileTheOthersGetEveryEvent() throws Exception {
        String doc = relays.document("many-events.txt", 3_000_000);
        TestClient fast = TestClient.followingAll(relays.url(0));
        try (StalledClient stalled = new StalledClient(relays.url(0), "{\"type\":\"subscribe\",\"all\":true}")) {
            fast.await(() -> relays.get(0).connections() == 2, "the stalled client's connection");
            String op = relays.chunk(0, doc);
            fast.awaitFinal(op);
            long last = fast.view(op).sequence();
            assertThat(last).isGreaterThan(500);
            assertThat(fast.eventSequences(op)).isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
            assertThat(fast.duplicates() + fast.gaps() + fast.backwards()).isZero();
            // the stalled client was dropped (the hub forgets it), the fast one never noticed
            fast.await(() -> relays.get(0).connections() == 1, "the stalled client to be disconnected");
            assertThat(relays.get(0).slowClientsClosed()).isEqualTo(1);
        }
        fast.close();
    }

    @Test
    void anUpgradeFromAnOriginThatIsNotAPeerIsRefused() {
        assertThatThrownBy(() -> TestClient.connect(relays.url(0), "http://evil.example"))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));
        TestClient own = TestClient.connect(relays.url(0), relays.url(0));
        own.subscribeAll();
        own.awaitSynced(1);
        own.close();
    }

    @Test
    void aMessageLargerThanTheLimitClosesTheConnectionWith1009() throws Exception {
        TestClient client = TestClient.connect(relays.url(0), null);
        client.subscribe(false, List.of("x".repeat(100), "y".repeat(100), "z".repeat(100), "w".repeat(100), "v".repeat(100)));
        assertThat(client.awaitClosed()).isEqualTo(1009);
    }

    @Test
    void aMessageThatIsNotASubscribeClosesTheConnectionWithBadData() throws Exception {
        TestClient client = TestClient.connect(relays.url(0), null);
        client.send("{\"type\":\"hack\"}");
        assertThat(client.awaitClosed()).isEqualTo(1003);
        assertThat(client.closeReason()).contains("not a subscribe message");
    }

    @Test
    void aQuietClientThatAnswersPingsOutlivesTheIdleTimeout() throws Exception {
        TestClient client = TestClient.followingAll(relays.url(0));
        Thread.sleep(1500); // well past the 600 ms idle timeout, with a ping every 100 ms
        assertThat(client.isClosed()).isFalse();
        assertThat(client.pings()).isGreaterThanOrEqualTo(5);
        client.close();
    }
}
