package dev.chunking.micrometer;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkRefusedException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.domain.RateLimit;
import dev.chunking.ratelimit.TokenBucketRateLimiter;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.RateLimiter;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.FileCheckpointStore;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.OperationOptions;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.OperationResult;
import dev.chunking.testing.RealDocuments;
import dev.chunking.testing.RecordingListener;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real document chunked by the real operation service through instrumented ports, with the
 * truth about every port call kept by inner wrappers: each call that reaches a port is counted
 * here and moves the registry's mock clock on by a step of its own, so every timer's count and
 * total can be checked exactly. The service's clock ticks one second per reading, so the
 * operation timer is exact too. One per test; not thread-safe beyond what the ports need (they
 * are called on the operation's one thread).
 */
final class RealRun {
    static final String DOCUMENT_FILE = "prose/nodejs-stream.md";
    static final CollectionId COLLECTION = CollectionId.of("tenant-4711");
    static final DocumentId DOCUMENT = DocumentId.of("reports/2026/q3-secret.md");
    static final long ACCEPT_STEP = 1_000;
    static final long COMMIT_STEP = 70_000;
    static final long LOAD_STEP = 300_000;
    static final long SAVE_STEP = 5_000_000;
    static final long LIMIT_STEP = 20;

    final MockClock clock = new MockClock();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    final ChunkingMetrics metrics = ChunkingMetrics.on(registry);
    final Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(800).overlap(100).build());
    final List<Chunk> stored = new CopyOnWriteArrayList<>();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong loads = new AtomicLong();
    final AtomicLong saves = new AtomicLong();
    final AtomicLong grants = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong waitedNanos = new AtomicLong();
    final AtomicLong fakeNanos = new AtomicLong(1_000_000_000L);
    final Path file;
    final CheckpointStore checkpoints;
    volatile long refuseIndex = -1;

    RealRun(Path dir) throws IOException {
        file = Files.write(dir.resolve("document.md"), RealDocuments.read(DOCUMENT_FILE));
        checkpoints = FileCheckpointStore.inDirectory(dir.resolve("checkpoints"));
    }

    /** The sink the run writes to: it stores each chunk, or refuses the one at {@link #refuseIndex}. */
    ChunkSink sink() {
        return new ChunkSink() {
            @Override
            public void accept(Chunk chunk) {
                clock.add(ACCEPT_STEP, TimeUnit.NANOSECONDS);
                if (chunk.index() == refuseIndex) {
                    throw new ChunkRefusedException("chunk " + chunk.index() + " refused by the test");
                }
                stored.add(chunk);
            }

            @Override
            public void commit(Checkpoint checkpoint) {
                clock.add(COMMIT_STEP, TimeUnit.NANOSECONDS);
                commits.incrementAndGet();
            }
        };
    }

    /** The real file checkpoint store, its calls counted. */
    CheckpointStore store() {
        return new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
                clock.add(LOAD_STEP, TimeUnit.NANOSECONDS);
                loads.incrementAndGet();
                return checkpoints.load(collection, document);
            }

            @Override
            public void save(Checkpoint checkpoint) {
                clock.add(SAVE_STEP, TimeUnit.NANOSECONDS);
                saves.incrementAndGet();
                checkpoints.save(checkpoint);
            }

            @Override
            public void delete(CollectionId collection, DocumentId document) {
                checkpoints.delete(collection, document);
            }
        };
    }

    /** A real token bucket of 256 KiB/s with bursts of 32 KiB on the fake time the service's sleeper advances. */
    RateLimiter limiter() {
        RateLimiter bucket = TokenBucketRateLimiter.builder(RateLimit.perSecond(256 << 10, 32 << 10)).nanoTime(fakeNanos::get).build();
        return (key, permits) -> {
            clock.add(LIMIT_STEP, TimeUnit.NANOSECONDS);
            Duration wait = bucket.tryAcquire(key, permits);
            if (wait.isZero()) {
                grants.incrementAndGet();
            } else {
                refusals.incrementAndGet();
                waitedNanos.addAndGet(wait.toNanos());
            }
            return wait;
        };
    }

    /**
     * Runs the document once through an instrumented request and waits for its last event.
     *
     * @param operation the operation's id
     * @param own the request's own listener, which sees every event after the meters did
     * @return the result
     */
    OperationResult run(OperationId operation, RecordingListener own) throws Exception {
        try (ChunkingOperations operations = ChunkingOperations.builder().maxConcurrent(1).clock(new TickingClock())
                .rateLimiter(metrics.rateLimiter(limiter())).sleeper(d -> fakeNanos.addAndGet(d.toNanos())).build()) {
            OperationRequest request = OperationRequest.builder(COLLECTION, DOCUMENT, chunking, ByteSource.file(file), sink())
                    .id(operation).listener(own).checkpoints(store())
                    .options(OperationOptions.builder().bufferSize(8 << 10).checkpointEveryChunks(40)
                            .progressInterval(Duration.ZERO).build())
                    .build();
            OperationResult result = operations.submit(metrics.instrument(request)).completion().get(60, TimeUnit.SECONDS);
            own.awaitEnd(Duration.ofSeconds(60));
            return result;
        }
    }

    /** The seconds between the first and the last of a run's events, as the service's clock told them. */
    static double seconds(List<ProgressEvent> events) {
        return Duration.between(events.get(0).at(), events.get(events.size() - 1).at()).toSeconds();
    }

    /** A clock one second further on at each reading, so that event times are exact and distinct. */
    static final class TickingClock extends Clock {
        private final AtomicLong seconds = new AtomicLong(1_800_000_000L);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.getAndIncrement());
        }
    }
}
