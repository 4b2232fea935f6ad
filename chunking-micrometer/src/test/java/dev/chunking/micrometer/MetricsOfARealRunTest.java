package dev.chunking.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.streaming.operation.OperationResult;
import dev.chunking.testing.RealDocuments;
import dev.chunking.testing.RecordingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every meter after a real document went through the real operation service with an instrumented
 * request, file checkpoint store and token-bucket rate limiter: names, tags and values, each
 * value checked against what the ports and the events say happened.
 */
class MetricsOfARealRunTest {
    private static final String STRATEGY = "strategy";

    @TempDir
    Path dir;

    @Test
    void aCompletedRunRecordsEveryMeterWithTheValuesThePortsAndEventsSaw() throws Exception {
        RealRun run = new RealRun(dir);
        RecordingListener own = new RecordingListener();
        OperationResult result = run.run(OperationId.of("op-7f3a9c"), own);
        List<ProgressEvent> events = own.events();
        long chunks = run.stored.size();

        assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(chunks).isEqualTo(result.chunks()).isGreaterThan(100);
        assertThat(result.checkpoints()).isGreaterThan(3);
        assertThat(run.refusals.get()).as("the bucket refused some reads").isPositive();

        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "completed").count()).isEqualTo(1);
        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "completed").totalTime(TimeUnit.SECONDS))
                .isEqualTo(RealRun.seconds(events)).isGreaterThan(5);
        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "failed").count()).isZero();
        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "cancelled").count()).isZero();
        assertThat(counter(run, ChunkingMetrics.CHUNKS, STRATEGY, "recursive").count()).isEqualTo(chunks);
        Counter input = counter(run, ChunkingMetrics.INPUT, STRATEGY, "recursive");
        assertThat(input.count()).isEqualTo(RealDocuments.read(RealRun.DOCUMENT_FILE).length).isEqualTo(result.bytes());
        assertThat(input.getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(counter(run, ChunkingMetrics.PROGRESS_DROPPED, "source", "sequence-gap").count()).isZero();

        DistributionSummary sizes = run.registry.get(ChunkingMetrics.CHUNK_SIZE).tags(STRATEGY, "recursive", "unit", "chars").summary();
        assertThat(sizes.count()).isEqualTo(chunks);
        assertThat(sizes.totalAmount()).isEqualTo(run.stored.stream().mapToLong(Chunk::size).sum());
        assertThat(sizes.max()).isEqualTo(run.stored.stream().mapToInt(Chunk::size).max().orElseThrow()).isLessThanOrEqualTo(800);
        assertThat(run.registry.get(ChunkingMetrics.CHUNK_SIZE).tags(STRATEGY, "recursive", "unit", "tokens").summary().count()).isZero();

        assertTimed(run, ChunkingMetrics.SINK, "accept", chunks, RealRun.ACCEPT_STEP);
        assertTimed(run, ChunkingMetrics.SINK, "commit", run.commits.get(), RealRun.COMMIT_STEP);
        assertThat(run.commits.get()).isEqualTo(result.checkpoints());
        assertTimed(run, ChunkingMetrics.CHECKPOINT, "load", 1, RealRun.LOAD_STEP);
        assertTimed(run, ChunkingMetrics.CHECKPOINT, "save", result.checkpoints(), RealRun.SAVE_STEP);
        assertTimed(run, ChunkingMetrics.CHECKPOINT, "delete", 0, 0);
        assertThat(run.loads.get()).isEqualTo(1);
        assertThat(run.saves.get()).isEqualTo(result.checkpoints());

        Timer granted = timer(run, ChunkingMetrics.RATE_LIMIT_ACQUIRE, "outcome", "granted");
        Timer refused = timer(run, ChunkingMetrics.RATE_LIMIT_ACQUIRE, "outcome", "refused");
        assertThat(granted.count()).isEqualTo(run.grants.get());
        assertThat(granted.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(run.grants.get() * RealRun.LIMIT_STEP);
        assertThat(refused.count()).isEqualTo(run.refusals.get());
        assertThat(refused.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(run.refusals.get() * RealRun.LIMIT_STEP);
        assertThat(timer(run, ChunkingMetrics.RATE_LIMIT_ACQUIRE, "outcome", "error").count()).isZero();
        Timer waits = run.registry.get(ChunkingMetrics.RATE_LIMIT_WAIT).timer();
        assertThat(waits.count()).isEqualTo(run.refusals.get());
        assertThat(waits.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(run.waitedNanos.get());

        assertThat(meterIds(run)).containsExactlyInAnyOrder(
                "chunking.operation{outcome=completed,strategy=recursive}", "chunking.operation{outcome=failed,strategy=recursive}",
                "chunking.operation{outcome=cancelled,strategy=recursive}", "chunking.chunks{strategy=recursive}",
                "chunking.input{strategy=recursive}", "chunking.progress.dropped{source=sequence-gap}",
                "chunking.chunk.size{strategy=recursive,unit=chars}", "chunking.chunk.size{strategy=recursive,unit=tokens}",
                "chunking.sink{action=accept,outcome=success}", "chunking.sink{action=accept,outcome=error}",
                "chunking.sink{action=commit,outcome=success}", "chunking.sink{action=commit,outcome=error}",
                "chunking.checkpoint{action=load,outcome=success}", "chunking.checkpoint{action=load,outcome=error}",
                "chunking.checkpoint{action=save,outcome=success}", "chunking.checkpoint{action=save,outcome=error}",
                "chunking.checkpoint{action=delete,outcome=success}", "chunking.checkpoint{action=delete,outcome=error}",
                "chunking.ratelimit.acquire{outcome=granted}", "chunking.ratelimit.acquire{outcome=refused}",
                "chunking.ratelimit.acquire{outcome=error}", "chunking.ratelimit.wait{}");
    }

    @Test
    void noTagCarriesTheDocumentTheCollectionTheOperationOrTheRateLimiterKey() throws Exception {
        RealRun run = new RealRun(dir);
        run.run(OperationId.of("op-7f3a9c"), new RecordingListener());

        List<String> values = run.registry.getMeters().stream().flatMap(m -> m.getId().getTags().stream()).map(Tag::getValue)
                .distinct().toList();
        assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(value)
                .doesNotContain("op-7f3a9c").doesNotContain("tenant-4711").doesNotContain("q3-secret").doesNotContain("bytes:"));
        assertThat(values).containsExactlyInAnyOrder("recursive", "completed", "failed", "cancelled", "sequence-gap", "chars",
                "tokens", "accept", "commit", "load", "save", "delete", "success", "error", "granted", "refused");
        assertThat(run.registry.getMeters().stream().flatMap(m -> m.getId().getTags().stream()).map(Tag::getKey)
                .collect(Collectors.toSet())).isEqualTo(Set.of(STRATEGY, "outcome", "unit", "source", "action"));
    }

    @Test
    void aRunThatTheSinkStopsIsTimedAsFailedWithTheRefusedCallAsAnError() throws Exception {
        RealRun run = new RealRun(dir);
        run.refuseIndex = 57;
        OperationResult result = run.run(OperationId.of("op-refused"), new RecordingListener());

        assertThat(result.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "failed").count()).isEqualTo(1);
        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "completed").count()).isZero();
        assertThat(timer(run, ChunkingMetrics.SINK, "action", "accept", "outcome", "error").count()).isEqualTo(1);
        assertThat(timer(run, ChunkingMetrics.SINK, "action", "accept", "outcome", "success").count()).isEqualTo(57);
        assertThat(counter(run, ChunkingMetrics.CHUNKS, STRATEGY, "recursive").count()).isEqualTo(57);
        assertThat(run.registry.get(ChunkingMetrics.CHUNK_SIZE).tags("unit", "chars").summary().count())
                .as("the refused chunk was measured before the sink saw it").isEqualTo(58);
    }

    @Test
    void aResumedRunAddsOnlyTheBytesAndChunksItReadItself() throws Exception {
        RealRun run = new RealRun(dir);
        run.refuseIndex = 97;
        OperationResult first = run.run(OperationId.of("op-first"), new RecordingListener());
        run.refuseIndex = -1;
        OperationResult second = run.run(OperationId.of("op-second"), new RecordingListener());

        assertThat(first.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(second.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(second.resumedFrom()).as("resumed from its last checkpoint").isPositive();
        assertThat(counter(run, ChunkingMetrics.CHUNKS, STRATEGY, "recursive").count()).isEqualTo(first.chunks() + second.chunks())
                .isEqualTo(97 + second.chunks());
        assertThat(counter(run, ChunkingMetrics.INPUT, STRATEGY, "recursive").count())
                .isEqualTo(first.bytes() + second.bytes() - second.resumedFrom());
        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "failed").count()).isEqualTo(1);
        assertThat(timer(run, ChunkingMetrics.OPERATION, STRATEGY, "recursive", "outcome", "completed").count()).isEqualTo(1);
        assertThat(timer(run, ChunkingMetrics.CHECKPOINT, "action", "load", "outcome", "success").count()).isEqualTo(2);
    }

    private static void assertTimed(RealRun run, String name, String action, long calls, long stepNanos) {
        Timer success = timer(run, name, "action", action, "outcome", "success");
        assertThat(success.count()).as("%s %s calls", name, action).isEqualTo(calls);
        assertThat(success.totalTime(TimeUnit.NANOSECONDS)).as("%s %s time", name, action).isEqualTo((double) calls * stepNanos);
        assertThat(timer(run, name, "action", action, "outcome", "error").count()).isZero();
    }

    private static Timer timer(RealRun run, String name, String... tags) {
        return run.registry.get(name).tags(tags).timer();
    }

    private static Counter counter(RealRun run, String name, String... tags) {
        return run.registry.get(name).tags(tags).counter();
    }

    private static List<String> meterIds(RealRun run) {
        return run.registry.getMeters().stream().map(Meter::getId).map(id -> id.getName() + id.getTags().stream()
                .map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(",", "{", "}"))).toList();
    }
}
