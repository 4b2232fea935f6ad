package dev.chunking.redis.progress;

import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.TestRedis;
import dev.chunking.redis.progress.internal.ProgressJson;
import dev.chunking.redis.progress.internal.PublishScript;
import dev.chunking.spi.ProgressListener;
import dev.chunking.testing.ProgressListenerContract;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The publisher passes on every event whole and in order: read back from each operation's replay stream. */
class RedisProgressPublisherContractIT extends ProgressListenerContract {
    private final TestRedis redis = new TestRedis();
    private RedisProgressPublisher publisher;

    @Override
    protected ProgressListener listener() {
        publisher = RedisProgressPublisher.create(redis.settings().build());
        Recorder.await(publisher::isConnected, "the publisher's connection");
        return publisher;
    }

    @Override
    protected List<ProgressEvent> received() {
        try {
            publisher.awaitSent(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProgressEvent> events = new ArrayList<>();
        for (String key : redis.keys()) {
            if (key.endsWith(":events")) {
                for (StreamMessage<String, String> m : redis.commands().xrange(key, Range.create("-", "+"))) {
                    events.add(ProgressJson.read(m.getBody().get(PublishScript.FIELD)).event());
                }
            }
        }
        return events;
    }

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
        redis.close();
    }
}
