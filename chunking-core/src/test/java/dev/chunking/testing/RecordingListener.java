package dev.chunking.testing;

import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records every event it receives; {@link #awaitEnd} waits for the final event of the operation. Thread-safe. */
public final class RecordingListener implements ProgressListener {
    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch end = new CountDownLatch(1);

    @Override
    public void onEvent(ProgressEvent event) {
        events.add(event);
        ProgressEvent.Kind kind = event.kind();
        if (kind == ProgressEvent.Kind.COMPLETED || kind == ProgressEvent.Kind.FAILED || kind == ProgressEvent.Kind.CANCELLED) {
            end.countDown();
        }
    }

    /** Waits for the operation's final event and returns every event so far. */
    public List<ProgressEvent> awaitEnd(Duration timeout) throws InterruptedException {
        if (!end.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no final event within " + timeout + "; got " + events);
        }
        return List.copyOf(events);
    }

    /** The events received so far. */
    public List<ProgressEvent> events() {
        return List.copyOf(events);
    }
}
