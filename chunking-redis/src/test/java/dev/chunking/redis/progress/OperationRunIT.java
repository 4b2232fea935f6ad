package dev.chunking.redis.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.TestRedis;
import dev.chunking.spi.DocumentSource;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.OperationOptions;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.OperationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real operation of chunking-streaming reports through the publisher to a subscriber on another connection. */
class OperationRunIT {

    @Test
    void aSubscriberSeesEveryEventOfARealOperationRunOnceAndItsFinalState() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("Paragraph ").append(i).append(" has a few words, caf\u00e9 and \u6f22\u5b57. Another sentence.\n\n");
        }
        OperationId id = OperationId.generate();
        List<ProgressEvent> sent = Collections.synchronizedList(new ArrayList<>());
        try (TestRedis redis = new TestRedis()) {
            RedisSettings settings = redis.settings().build();
            try (RedisProgressPublisher publisher = RedisProgressPublisher.create(settings);
                 ProgressSubscriber subscriber = ProgressSubscriber.create(settings, Duration.ofMillis(200));
                 RedisOperationStates states = RedisOperationStates.connect(settings);
                 ChunkingOperations operations = ChunkingOperations.builder().build()) {
                Recorder.await(publisher::isConnected, "the publisher's connection");
                Recorder recorder = new Recorder();
                try (ProgressSubscriber.Subscription s = subscriber.subscribe(id, recorder)) {
                    OperationResult result = operations.submit(OperationRequest.builder(CollectionId.of("c"), DocumentId.of("d.md"),
                                    Chunking.of("recursive", ChunkingOptions.builder().maxSize(200).overlap(20).build()),
                                    DocumentSource.ofBytes("d.md", text.toString().getBytes(StandardCharsets.UTF_8)), chunk -> { })
                            .id(id)
                            .options(OperationOptions.builder().bufferSize(512).progressEveryBytes(512).progressInterval(Duration.ZERO).build())
                            .listener(event -> {
                                sent.add(event);
                                publisher.onEvent(event);
                            }).build()).completion().get(30, TimeUnit.SECONDS);
                    assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
                    recorder.awaitFinal(id);
                }
                assertThat(sent).hasSizeGreaterThan(20);
                Recorder.assertEveryOnce(recorder.deliveries(), 1, sent.size());
                assertThat(recorder.deliveries()).extracting(Recorder.Delivery::event).isEqualTo(sent);
                assertThat(states.state(id).orElseThrow().status()).isEqualTo(OperationStatus.COMPLETED);
            }
        }
    }
}
