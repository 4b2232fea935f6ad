package dev.chunking.redis.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishing, reading the last state and subscribing against the test server. */
class ProgressIT {
    private final TestRedis redis = new TestRedis();
    private final RedisSettings settings = redis.settings().runningTtl(Duration.ofMinutes(10)).finishedTtl(Duration.ofMinutes(2)).build();
    private final RedisProgressPublisher publisher = RedisProgressPublisher.create(settings);
    private final ProgressSubscriber subscriber = ProgressSubscriber.create(settings, Duration.ofMillis(200));

    @AfterEach
    void close() {
        subscriber.close();
        publisher.close();
        redis.close();
    }

    private void publish(OperationId op, long from, long to, long last) {
        for (long n = from; n <= to; n++) {
            publisher.onEvent(Recorder.event(op, n, last));
        }
    }

    @Test
    void aSubscriberFromTheStartSeesEveryEventOnceInOrder() throws Exception {
        Recorder.await(publisher::isConnected, "the publisher's connection");
        OperationId op = OperationId.generate();
        Recorder recorder = new Recorder();
        try (ProgressSubscriber.Subscription s = subscriber.subscribe(op, recorder)) {
            publish(op, 1, 200, 200);
            recorder.awaitFinal(op);
        }
        Recorder.assertEveryOnce(recorder.deliveries(), 1, 200);
        assertThat(recorder.deliveries()).allMatch(d -> d.event() != null);
        assertThat(publisher.dropped()).isZero();
    }

    @Test
    void aLateSubscriberGetsTheStateFirstThenTheRest() throws Exception {
        Recorder.await(publisher::isConnected, "the publisher's connection");
        OperationId op = OperationId.generate();
        publish(op, 1, 40, 100);
        assertThat(publisher.awaitSent(5000)).isTrue();
        Recorder recorder = new Recorder();
        try (ProgressSubscriber.Subscription s = subscriber.subscribe(op, recorder)) {
            assertThat(recorder.deliveries()).hasSize(1);
            publish(op, 41, 100, 100);
            recorder.awaitFinal(op);
        }
        List<Recorder.Delivery> got = recorder.deliveries();
        assertThat(got.get(0).state()).isNotNull();
        assertThat(got.get(0).state().sequence()).isEqualTo(40);
        assertThat(got.get(0).state().status()).isEqualTo(OperationStatus.RUNNING);
        Recorder.assertEveryOnce(got, 40, 100);
    }

    @Test
    void readsAnOperationsLastStateByIdFromAnotherConnection() throws Exception {
        Recorder.await(publisher::isConnected, "the publisher's connection");
        OperationId op = OperationId.generate();
        publish(op, 1, 9, 10);
        publisher.onEvent(Recorder.event(op, CollectionId.of("c"), 10, ProgressEvent.Kind.FAILED));
        assertThat(publisher.awaitSent(5000)).isTrue();
        try (RedisOperationStates states = RedisOperationStates.connect(settings)) {
            OperationState state = states.state(op).orElseThrow();
            assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(state.lastEvent()).isEqualTo(Recorder.event(op, CollectionId.of("c"), 10, ProgressEvent.Kind.FAILED));
            assertThat(state.eventsSkipped()).isFalse();
            assertThat(states.state(OperationId.generate())).isEmpty();
        }
    }

    @Test
    void aCollectionSubscriberFollowsEveryOperationOfTheCollection() throws Exception {
        Recorder.await(publisher::isConnected, "the publisher's connection");
        CollectionId collection = CollectionId.of("reports:2026");
        OperationId a = OperationId.generate();
        OperationId b = OperationId.generate();
        OperationId other = OperationId.generate();
        Recorder recorder = new Recorder();
        try (ProgressSubscriber.Subscription s = subscriber.subscribe(collection, recorder)) {
            for (long n = 1; n <= 50; n++) {
                ProgressEvent.Kind kind = n == 1 ? ProgressEvent.Kind.STARTED : n == 50 ? ProgressEvent.Kind.COMPLETED : ProgressEvent.Kind.PROGRESS;
                publisher.onEvent(Recorder.event(a, collection, n, kind));
                publisher.onEvent(Recorder.event(b, collection, n, kind));
                publisher.onEvent(Recorder.event(other, CollectionId.of("elsewhere"), n, kind));
            }
            recorder.awaitFinal(a);
            recorder.awaitFinal(b);
        }
        Recorder.assertEveryOnce(recorder.of(a), 1, 50);
        Recorder.assertEveryOnce(recorder.of(b), 1, 50);
        assertThat(recorder.of(other)).isEmpty();
    }

    @Test
    void aRestartedOperationIsANewEpochNotAGap() throws Exception {
        Recorder.await(publisher::isConnected, "the publisher's connection");
        OperationId op = OperationId.generate();
        Recorder recorder = new Recorder();
        try (ProgressSubscriber.Subscription s = subscriber.subscribe(op, recorder);
             RedisOperationStates states = RedisOperationStates.connect(settings)) {
            publish(op, 1, 10, 10);
            recorder.awaitFinal(op);
            String first = states.state(op).orElseThrow().epoch();
            publish(op, 1, 10, 10);
            Recorder.await(() -> recorder.deliveries().size() == 20, "the second run");
            assertThat(states.state(op).orElseThrow().epoch()).isNotEqualTo(first);
        }
        List<Recorder.Delivery> got = recorder.deliveries();
        Recorder.assertEveryOnce(got.subList(0, 10), 1, 10);
        Recorder.assertEveryOnce(got.subList(10, 20), 1, 10);
    }

    @Test
    void handsEachEventWithItsRunsEpochAndReplaysTheStreamRunByRun() throws Exception {
        Recorder.await(publisher::isConnected, "the publisher's connection");
        OperationId op = OperationId.generate();
        List<String> epochs = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder() {
            @Override
            public void onEvent(String epoch, ProgressEvent event) {
                epochs.add(epoch);
                super.onEvent(event);
            }
        };
        try (ProgressSubscriber.Subscription s = subscriber.subscribe(op, recorder);
             RedisOperationStates states = RedisOperationStates.connect(settings)) {
            publish(op, 1, 5, 5);
            recorder.awaitFinal(op);
            String first = states.state(op).orElseThrow().epoch();
            publish(op, 1, 5, 5);
            Recorder.await(() -> recorder.deliveries().size() == 10, "the second run");
            String second = states.state(op).orElseThrow().epoch();
            assertThat(epochs).containsExactly(first, first, first, first, first, second, second, second, second, second);

            List<OperationState> replay = states.replay(op);
            assertThat(replay).extracting(OperationState::epoch).containsExactlyElementsOf(epochs);
            assertThat(replay).extracting(OperationState::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 1L, 2L, 3L, 4L, 5L);
            assertThat(states.replay(OperationId.generate())).isEmpty();
        }
    }

    @Test
    void everyKeyWrittenHasALifetimeAndAFinishedOperationTheShorterOne() throws Exception {
        Recorder.await(publisher::isConnected, "the publisher's connection");
        OperationId running = OperationId.generate();
        OperationId done = OperationId.generate();
        publish(running, 1, 5, 100);
        publish(done, 1, 5, 5);
        assertThat(publisher.awaitSent(5000)).isTrue();
        List<String> keys = redis.keys();
        assertThat(keys).hasSize(4);
        for (String key : keys) {
            long ttl = redis.commands().pttl(key);
            assertThat(ttl).as(key).isPositive();
            if (key.contains(":op:") && redis.commands().get(key.replace(":events", ":state")).contains("\"COMPLETED\"")) {
                assertThat(ttl).as(key).isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());
            } else {
                assertThat(ttl).as(key).isGreaterThan(Duration.ofMinutes(2).toMillis());
            }
        }
    }
}
