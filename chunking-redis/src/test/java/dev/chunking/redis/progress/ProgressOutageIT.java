package dev.chunking.redis.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.TestRedis;
import dev.chunking.testing.CuttingProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lost connections and servers: a subscriber ends with every event once, or knows it was skipped;
 * a publisher never slows the chunking side and writes the last state again when Redis is back.
 */
class ProgressOutageIT {

    private static void publish(RedisProgressPublisher publisher, OperationId op, long from, long to, long last) {
        for (long n = from; n <= to; n++) {
            publisher.onEvent(Recorder.event(op, n, last));
            Recorder.pause(2);
        }
    }

    @Test
    void aSubscriberWhoseConnectionIsCutMidRunEndsWithEveryEventExactlyOnce() throws Exception {
        try (TestRedis redis = new TestRedis();
             CuttingProxy proxy = new CuttingProxy("127.0.0.1", java.net.URI.create(TestRedis.URI).getPort());
             RedisProgressPublisher publisher = RedisProgressPublisher.create(redis.settings().build());
             ProgressSubscriber subscriber = ProgressSubscriber.create(
                     RedisSettings.builder("redis://127.0.0.1:" + proxy.port()).keyPrefix(redis.prefix).build(), Duration.ofMillis(250))) {
            Recorder.await(publisher::isConnected, "the publisher's connection");
            OperationId op = OperationId.generate();
            Recorder recorder = new Recorder();
            try (ProgressSubscriber.Subscription s = subscriber.subscribe(op, recorder)) {
                publish(publisher, op, 1, 60, 200);
                proxy.refuse(true);
                proxy.cutAll();
                publish(publisher, op, 61, 120, 200);
                Recorder.pause(300);
                int before = proxy.accepted();
                proxy.refuse(false);
                publish(publisher, op, 121, 200, 200);
                recorder.awaitFinal(op);
                assertThat(proxy.accepted()).as("the subscriber connected again").isGreaterThan(before);
            }
            Recorder.assertEveryOnce(recorder.deliveries(), 1, 200);
            assertThat(publisher.dropped()).isZero();
        }
    }

    @Test
    void aSubscriberOfAServerThatRestartsEmptyEndsWithEveryEventOnceOrTheFinalStateMarkedSkipped() throws Exception {
        try (OwnRedisServer server = new OwnRedisServer()) {
            RedisSettings settings = RedisSettings.builder(server.uri()).keyPrefix("p:").commandTimeout(Duration.ofMillis(500)).build();
            try (RedisProgressPublisher publisher = RedisProgressPublisher.create(settings);
                 ProgressSubscriber subscriber = ProgressSubscriber.create(settings, Duration.ofMillis(250))) {
                Recorder.await(publisher::isConnected, "the publisher's connection");
                OperationId op = OperationId.generate();
                Recorder recorder = new Recorder();
                try (ProgressSubscriber.Subscription s = subscriber.subscribe(op, recorder)) {
                    publish(publisher, op, 1, 30, 80);
                    assertThat(publisher.awaitSent(5000)).isTrue();
                    server.stop();
                    publish(publisher, op, 31, 40, 80);
                    server.start();
                    Recorder.await(publisher::isConnected, "the publisher's new connection");
                    publish(publisher, op, 41, 80, 80);
                    recorder.awaitFinal(op);
                }
                List<Recorder.Delivery> got = recorder.deliveries();
                assertThat(publisher.dropped()).isGreaterThan(0);
                Recorder.assertEveryOnce(got.subList(0, 30), 1, 30);
                Set<Long> seen = new HashSet<>();
                long next = 31;
                for (Recorder.Delivery d : got.subList(30, got.size())) {
                    assertThat(seen.add(d.sequence())).as("delivered once: %s", d.sequence()).isTrue();
                    if (d.sequence() != next) {
                        // a jump is only allowed as a state that says events were skipped
                        assertThat(d.state()).as("a jump to %s", d.sequence()).isNotNull();
                        assertThat(d.state().eventsSkipped()).isTrue();
                    }
                    next = d.sequence() + 1;
                }
                assertThat(got.get(got.size() - 1).sequence()).isEqualTo(80);
                assertThat(got).anyMatch(d -> d.state() != null && d.state().eventsSkipped());
            }
        }
    }

    @Test
    void aPublisherWithRedisDownReturnsAtOnceCountsTheDropsAndRewritesTheLastStateWhenRedisIsBack() throws Exception {
        try (OwnRedisServer server = new OwnRedisServer()) {
            RedisSettings settings = RedisSettings.builder(server.uri()).keyPrefix("p:").commandTimeout(Duration.ofMillis(300))
                    .finishedTtl(Duration.ofMinutes(5)).build();
            try (RedisProgressPublisher publisher = RedisProgressPublisher.create(settings)) {
                Recorder.await(publisher::isConnected, "the publisher's connection");
                OperationId op = OperationId.generate();
                publisher.onEvent(Recorder.event(op, 1, 100));
                assertThat(publisher.awaitSent(5000)).isTrue();
                server.stop();
                List<Long> nanos = new ArrayList<>();
                for (long n = 2; n <= 100; n++) {
                    long start = System.nanoTime();
                    publisher.onEvent(Recorder.event(op, n, 100));
                    nanos.add(System.nanoTime() - start);
                }
                assertThat(publisher.awaitSent(5000)).isTrue();
                assertThat(nanos).allMatch(t -> t < Duration.ofMillis(50).toNanos());
                assertThat(publisher.dropped()).isEqualTo(99);
                assertThat(publisher.outages()).isEqualTo(1);
                assertThat(publisher.isDown()).isTrue();
                server.start();
                RedisClient client = RedisClient.create(server.uri());
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    Recorder.await(() -> c.sync().get("p:" + "op:" + base64(op) + ":state") != null, "the state written again");
                    try (RedisOperationStates states = RedisOperationStates.connect(settings)) {
                        OperationState state = states.state(op).orElseThrow();
                        assertThat(state.sequence()).isEqualTo(100);
                        assertThat(state.status()).isEqualTo(OperationStatus.COMPLETED);
                    }
                    String key = "p:op:" + base64(op) + ":state";
                    assertThat(c.sync().pttl(key)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());
                } finally {
                    client.shutdown();
                }
                assertThat(publisher.isDown()).isFalse();
                assertThat(publisher.outages()).isEqualTo(1);
            }
        }
    }

    @Test
    void aFinalStateLeftAfterTheFirstConnectAttemptFailedIsWrittenOnceRedisIsUp() throws Exception {
        try (OwnRedisServer server = new OwnRedisServer()) {
            server.stop();
            RedisSettings settings = RedisSettings.builder(server.uri()).keyPrefix("p:").commandTimeout(Duration.ofMillis(300)).build();
            try (RedisProgressPublisher publisher = RedisProgressPublisher.create(settings)) {
                // a refused connection fails at once: the creation's attempt is over before the run's only event,
                // which comes within the second in which no new attempt is made (once, no retry was scheduled then)
                Thread.sleep(200);
                OperationId op = OperationId.generate();
                publisher.onEvent(Recorder.event(op, 5, 5));
                assertThat(publisher.dropped()).isEqualTo(1);
                server.start();
                Recorder.await(() -> !publisher.isDown(), "the publisher to find Redis");
                try (RedisOperationStates states = RedisOperationStates.connect(settings)) {
                    Recorder.await(() -> states.state(op).isPresent(), "the final state written");
                    assertThat(states.state(op).orElseThrow().status()).isEqualTo(OperationStatus.COMPLETED);
                }
            }
        }
    }

    @Test
    void aPublisherCreatedWhileRedisIsDownDropsAndWritesTheFinalStateOnceRedisIsUp() throws Exception {
        try (OwnRedisServer server = new OwnRedisServer()) {
            server.stop();
            RedisSettings settings = RedisSettings.builder(server.uri()).keyPrefix("p:").commandTimeout(Duration.ofMillis(300)).build();
            try (RedisProgressPublisher publisher = RedisProgressPublisher.create(settings)) {
                OperationId op = OperationId.generate();
                for (long n = 1; n <= 5; n++) {
                    publisher.onEvent(Recorder.event(op, n, 5));
                }
                assertThat(publisher.dropped()).isEqualTo(5);
                assertThat(publisher.outages()).isEqualTo(1);
                server.start();
                Recorder.await(() -> !publisher.isDown(), "the publisher to find Redis");
                try (RedisOperationStates states = RedisOperationStates.connect(settings)) {
                    Recorder.await(() -> states.state(op).isPresent(), "the final state written");
                    assertThat(states.state(op).orElseThrow().status()).isEqualTo(OperationStatus.COMPLETED);
                }
            }
        }
    }

    private static String base64(OperationId op) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(op.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
