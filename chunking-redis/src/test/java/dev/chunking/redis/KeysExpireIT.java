package dev.chunking.redis;

import static dev.chunking.testing.CheckpointStoreContract.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.domain.RateLimit;
import dev.chunking.redis.checkpoint.RedisCheckpointStore;
import dev.chunking.redis.progress.RedisProgressPublisher;
import dev.chunking.redis.ratelimit.RedisRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit of the "every key expires": whatever the Redis features write under the
 * prefix carries a TTL, and a flood of keys nobody touches again goes away and gives its memory
 * back. Covers every feature of chunking-redis: checkpoints, progress (state and replay stream per
 * operation) and the rate limiter's buckets.
 */
class KeysExpireIT {
    private static final Pattern USED_MEMORY = Pattern.compile("(?m)^used_memory:(\\d+)\\s*$");
    private static final int FLOOD = 100_000;
    private static final int BATCH = 1_000;
    private static final long MEMORY_MARGIN = 2L * 1024 * 1024;

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void deleteTheKeys() {
        redis.close();
    }

    @Test
    void everyKeyTheFeaturesWriteUnderThePrefixHasATtl() throws InterruptedException {
        CollectionId collection = CollectionId.of("audit");
        try (RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().build())) {
            for (int d = 0; d < 10; d++) {
                DocumentId document = DocumentId.of("doc " + d + ": \u6587\u6863");
                store.save(checkpoint(collection, document, 1));
                store.save(checkpoint(collection, document, 2));
                assertThat(store.load(collection, document)).isPresent();
            }
            store.delete(collection, DocumentId.of("doc 0: \u6587\u6863"));
        }
        try (RedisProgressPublisher publisher = RedisProgressPublisher.create(redis.settings().build())) {
            awaitConnected(publisher);
            for (int op = 0; op < 3; op++) {
                OperationId id = OperationId.of("audit-" + op);
                publisher.onEvent(event(id, 1, ProgressEvent.Kind.STARTED));
                publisher.onEvent(event(id, 2, ProgressEvent.Kind.PROGRESS));
                if (op > 0) {
                    publisher.onEvent(event(id, 3, ProgressEvent.Kind.COMPLETED));
                }
            }
            assertThat(publisher.awaitSent(10_000)).isTrue();
            assertThat(publisher.dropped()).isZero();
        }
        try (RedisRateLimiter limiter = RedisRateLimiter.builder(redis.settings().build(), RateLimit.perSecond(1000, 100)).build()) {
            for (int k = 0; k < 3; k++) {
                assertThat(limiter.tryAcquire("bytes:audit-" + k, 50)).isZero();
            }
        }
        List<String> keys = redis.keys();
        assertThat(keys).hasSize(9 + 3 * 2 + 3);
        assertThat(keys).anyMatch(k -> k.startsWith(redis.prefix + "checkpoint:")).anyMatch(k -> k.startsWith(redis.prefix + "op:"))
                .anyMatch(k -> k.startsWith(redis.prefix + "limit:"));
        assertThat(keys).allSatisfy(key -> assertThat(redis.commands().pttl(key)).as(key).isPositive());
    }

    @Test
    void aHundredThousandOperationsNobodyWatchesExpireAndGiveTheirMemoryBack() throws Exception {
        Duration ttl = Duration.ofSeconds(2);
        try (RedisProgressPublisher publisher = RedisProgressPublisher.create(redis.settings().runningTtl(ttl).finishedTtl(ttl)
                .build())) {
            awaitConnected(publisher);
            publisher.onEvent(event(OperationId.of("warm-up"), 1, ProgressEvent.Kind.STARTED));
            assertThat(publisher.awaitSent(10_000)).isTrue();
            long baseline = usedMemory();
            long started = System.nanoTime();
            for (int op = 0; op < FLOOD; op++) {
                OperationId id = OperationId.of("operation-" + op);
                publisher.onEvent(event(id, 1, ProgressEvent.Kind.STARTED));
                publisher.onEvent(event(id, 2, ProgressEvent.Kind.COMPLETED));
                if (op % 2_000 == 1_999) { // stay under the publisher's cap of events in flight
                    assertThat(publisher.awaitSent(30_000)).isTrue();
                }
            }
            assertThat(publisher.awaitSent(30_000)).isTrue();
            assertThat(publisher.dropped()).as("events dropped").isZero();
            long written = System.nanoTime();
            long peak = usedMemory();
            assertThat(peak - baseline).as("memory of %s operations", FLOOD).isGreaterThan(10L * 1024 * 1024);
            expireAndReport("operations", ttl, baseline, peak, started, written);
        }
    }

    /** A publisher drops what comes before its first connection, as in any outage: the audit wants every event. */
    private static void awaitConnected(RedisProgressPublisher publisher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publisher.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(publisher.isConnected()).as("the publisher's connection").isTrue();
    }

    private static ProgressEvent event(OperationId id, long sequence, ProgressEvent.Kind kind) {
        return new ProgressEvent(id, sequence, kind, Instant.now(), CollectionId.of("audit"), DocumentId.of("d"), 0,
                OptionalLong.empty(), 0, 0, Optional.empty());
    }

    @Test
    void aHundredThousandCheckpointsNobodyResumesExpireAndGiveTheirMemoryBack() throws Exception {
        Duration ttl = Duration.ofSeconds(2);
        try (RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().checkpointTtl(ttl).build())) {
            store.load(CollectionId.of("flood"), DocumentId.of("warm-up")); // connected before the baseline
            long baseline = usedMemory();
            long started = System.nanoTime();
            save(store, FLOOD);
            long written = System.nanoTime();
            long peak = usedMemory();
            assertThat(peak - baseline).as("memory of %s checkpoints", FLOOD).isGreaterThan(10L * 1024 * 1024);

            expireAndReport("checkpoints", ttl, baseline, peak, started, written);
        }
    }

    /** Waits (at most 30 s) until no key is left under the prefix and the server gave the memory back. */
    private void expireAndReport(String what, Duration ttl, long baseline, long peak, long started, long written)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> left = redis.keys(); // SCAN also expires the keys it meets
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = redis.keys();
        }
        long gone = System.nanoTime();
        assertThat(left).as("keys left 30 s after their TTL").isEmpty();

        long after = usedMemory();
        while (after > baseline + MEMORY_MARGIN && System.nanoTime() < deadline) {
            Thread.sleep(200); // the server shrinks its emptied key tables in its cron
            after = usedMemory();
        }
        System.out.printf("KeysExpireIT: %,d %s (ttl %s) written in %d ms; used_memory baseline %,d, after the"
                        + " writes %,d, %d ms after the last write %,d keys and used_memory %,d (%+,d bytes)%n", FLOOD, what, ttl,
                TimeUnit.NANOSECONDS.toMillis(written - started), baseline, peak, TimeUnit.NANOSECONDS.toMillis(gone - written),
                left.size(), after, after - baseline);
        assertThat(after).as("used_memory after the expiry, baseline %d, peak %d", baseline, peak)
                .isLessThanOrEqualTo(baseline + MEMORY_MARGIN);
    }

    /** Saves checkpoints of distinct documents from 16 threads, which the store's one connection pipelines. */
    private static void save(RedisCheckpointStore store, int count) throws Exception {
        CollectionId collection = CollectionId.of("flood");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int first = 0; first < count; first += BATCH) {
                int from = first;
                batches.add(pool.submit(() -> {
                    for (int d = from; d < Math.min(count, from + BATCH); d++) {
                        store.save(checkpoint(collection, DocumentId.of("document-" + d), d));
                    }
                }));
            }
            for (Future<?> batch : batches) {
                batch.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long usedMemory() {
        Matcher m = USED_MEMORY.matcher(redis.commands().info("memory"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
