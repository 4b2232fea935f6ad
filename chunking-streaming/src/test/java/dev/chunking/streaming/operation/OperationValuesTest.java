package dev.chunking.streaming.operation;

import static dev.chunking.streaming.operation.ChunkingOperationsTest.COLLECTION;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.DOCUMENT;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.WAIT;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.recursive;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.DocumentSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The values around operations refuse what makes no sense, with a message that says what to set. */
class OperationValuesTest {
    private static ProgressEvent event(long sequence, ProgressEvent.Kind kind, long done, OptionalLong total, double rate,
                                       Optional<String> failure) {
        return new ProgressEvent(OperationId.of("op"), sequence, kind, Instant.EPOCH, COLLECTION, DOCUMENT, done, total, 0, rate, failure);
    }

    @Test
    void operationOptionsNameTheSettingToChange() {
        assertThatThrownBy(() -> OperationOptions.builder().bufferSize(0).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("buffer size 0 is outside 1..1048576 bytes; set bufferSize within that range");
        assertThatThrownBy(() -> OperationOptions.builder().byteLimit(-1).build())
                .hasMessage("byte limit -1 is negative; set byteLimit to 0 (none) or more");
        assertThatThrownBy(() -> OperationOptions.builder().checkpointEveryChunks(0).build())
                .hasMessage("checkpoint intervals must be at least 1 (chunks 0, bytes 67108864); set checkpointEveryChunks and checkpointEveryBytes");
        assertThatThrownBy(() -> OperationOptions.builder().progressInterval(Duration.ofMillis(-1)).build())
                .hasMessage("progress interval PT-0.001S must be set and not negative; set progressInterval");
        assertThatThrownBy(() -> OperationOptions.builder().progressEveryBytes(0).build())
                .hasMessage("progressEveryBytes 0 must be at least 1; set progressEveryBytes");
        assertThat(OperationOptions.defaults()).isEqualTo(new OperationOptions(64 * 1024, 0, 1000, 64L << 20, Duration.ofMillis(250), 256L << 20));
    }

    @Test
    void anOperationRequestNamesItsMissingPartAndAServiceItsBadLimits() {
        assertThatThrownBy(() -> OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), null, c -> { }).build())
                .isInstanceOf(InvalidOptionsException.class).hasMessage("operation request: source must be set");
        assertThatThrownBy(() -> OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("d", new byte[0]),
                c -> { }).listener(null).build()).hasMessage("operation request: listener must be set");
        assertThat(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("d", new byte[0]), c -> { })
                .build().id().value()).matches("op-[0-9a-f]{32}");
        assertThatThrownBy(() -> ChunkingOperations.builder().maxConcurrent(0).build())
                .hasMessage("maxConcurrent must be at least 1 and maxQueued at least 0, got 0 and 10000; set maxConcurrent and maxQueued");
    }

    @Test
    void progressEventsRefuseImpossibleValuesAndComputePercentAndEta() {
        assertThatThrownBy(() -> event(0, ProgressEvent.Kind.STARTED, 0, OptionalLong.empty(), 0, Optional.empty()))
                .isInstanceOf(InvalidOptionsException.class).hasMessageStartingWith("progress event: sequence must be at least 1");
        assertThatThrownBy(() -> event(1, ProgressEvent.Kind.COMPLETED, 0, OptionalLong.empty(), 0, Optional.of("why")))
                .hasMessage("progress event: a failure reason goes with FAILED events only, got COMPLETED");
        assertThatThrownBy(() -> event(1, ProgressEvent.Kind.FAILED, 0, OptionalLong.empty(), 0, Optional.empty()))
                .hasMessage("progress event: a failure reason goes with FAILED events only, got FAILED");

        ProgressEvent half = event(2, ProgressEvent.Kind.PROGRESS, 500, OptionalLong.of(1000), 250.0, Optional.empty());
        assertThat(half.percent()).hasValue(50.0);
        assertThat(half.eta()).hasValue(Duration.ofSeconds(2));
        ProgressEvent unknownSize = event(2, ProgressEvent.Kind.PROGRESS, 500, OptionalLong.empty(), 250.0, Optional.empty());
        assertThat(unknownSize.percent()).isEmpty();
        assertThat(unknownSize.eta()).isEmpty();
        assertThat(event(2, ProgressEvent.Kind.PROGRESS, 500, OptionalLong.of(1000), 0, Optional.empty()).eta()).isEmpty();
        assertThat(event(2, ProgressEvent.Kind.COMPLETED, 0, OptionalLong.of(0), 0, Optional.empty()).percent()).hasValue(100.0);
        assertThat(ProgressEvent.Kind.PROGRESS.isStateChange()).isFalse();
        assertThat(ProgressEvent.Kind.CHECKPOINT.isStateChange()).isTrue();
    }

    @Test
    void aThrowingListenerIsLoggedOnceAndCountedEveryTime() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        System.Logger recording = new System.Logger() {
            @Override
            public String getName() {
                return "recording";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
                warnings.add(level + " " + message);
                causes.add(thrown);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                warnings.add(level + " " + format);
            }
        };
        try (ChunkingOperations operations = ChunkingOperations.builder().logger(recording).build()) {
            CountDownLatch last = new CountDownLatch(1);
            AtomicLong thrown = new AtomicLong();
            Operation op = operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                    DocumentSource.ofBytes("d", text(100)), c -> { }).listener(event -> {
                        thrown.incrementAndGet();
                        if (event.kind() == ProgressEvent.Kind.COMPLETED) {
                            last.countDown();
                        }
                        throw new IllegalStateException("listener bug " + event.sequence());
                    }).options(OperationOptions.builder().bufferSize(512).progressInterval(Duration.ZERO).build()).build());
            long lastSequence = op.completion().get(30, TimeUnit.SECONDS).lastSequence();
            assertThat(last.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (op.listenerFailures() < lastSequence && System.nanoTime() < deadline) {
                Thread.sleep(5); // the last failure is counted right after the listener throws
            }
            assertThat(op.listenerFailures()).isEqualTo(lastSequence).isEqualTo(thrown.get()).isGreaterThan(3);
            assertThat(warnings).singleElement().asString()
                    .startsWith("WARNING the progress listener of operation " + op.id() + " threw on a STARTED event");
            assertThat(causes).singleElement().satisfies(c -> assertThat(c).hasMessage("listener bug 1"));
        }
    }
}
