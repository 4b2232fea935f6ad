package dev.chunking.streaming.operation;

import static dev.chunking.streaming.operation.ChunkingOperationsTest.COLLECTION;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.DOCUMENT;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.recursive;
import static dev.chunking.streaming.operation.ChunkingOperationsTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.RateLimit;
import dev.chunking.ratelimit.TokenBucketRateLimiter;
import dev.chunking.spi.DocumentSource;
import dev.chunking.spi.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Operations read no faster than the rate limiter port allows, waiting through the injected sleeper. */
class OperationRateLimitTest {
    @Test
    void readsNoFasterThanTheLimiterAllowsAndChunksTheSame() throws Exception {
        byte[] bytes = text(200);
        AtomicLong now = new AtomicLong();
        long rate = 10_000; // bytes per second
        long[] available = {0};
        long[] refilledAt = {0};
        Set<String> keys = ConcurrentHashMap.newKeySet();
        RateLimiter limiter = (key, permits) -> { // a plain bucket of one second's bytes, on the fake clock
            keys.add(key);
            available[0] = Math.min(rate, available[0] + (now.get() - refilledAt[0]) * rate / 1_000_000_000L);
            refilledAt[0] = now.get();
            if (available[0] >= permits) {
                available[0] -= permits;
                return Duration.ZERO;
            }
            return Duration.ofNanos((permits - available[0]) * 1_000_000_000L / rate + 1);
        };
        List<Duration> sleeps = new ArrayList<>();
        List<Chunk> chunks = new ArrayList<>();
        try (ChunkingOperations operations = ChunkingOperations.builder().nanoTime(now::get).rateLimiter(limiter)
                .sleeper(d -> {
                    sleeps.add(d);
                    now.addAndGet(d.toNanos());
                }).build()) {
            OperationResult result = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                    DocumentSource.ofBytes("d", bytes), chunks::add).options(OperationOptions.builder().bufferSize(1000).build()).build());
            assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
        }
        long read = bytes.length - 3; // the three bytes that decide about a byte order mark are not a buffer
        long slept = sleeps.stream().mapToLong(Duration::toNanos).sum();
        assertThat(keys).containsExactly("bytes:docs");
        assertThat(slept).isBetween(read * 1_000_000_000L / rate - 1_000_000_000L / 10, read * 1_000_000_000L / rate + 1_000_000);
        assertThat(chunks).isEqualTo(recursive(100).chunk(DOCUMENT, new String(bytes, StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenBucketPacesAnOperationToItsRateAfterTheFirstBurst() throws Exception {
        byte[] bytes = text(200);
        AtomicLong now = new AtomicLong();
        RateLimiter buckets = TokenBucketRateLimiter.builder(RateLimit.perSecond(1_000_000, 100_000))
                .limit("bytes:docs", RateLimit.perSecond(10_000, 500)) // 100 µs a byte, bursts smaller than a buffer
                .nanoTime(now::get).build();
        AtomicLong asked = new AtomicLong();
        List<Long> granted = new ArrayList<>();
        RateLimiter counting = (key, permits) -> {
            asked.incrementAndGet();
            Duration wait = buckets.tryAcquire(key, permits);
            if (wait.isZero()) {
                granted.add(permits);
            }
            return wait;
        };
        long[] slept = {0};
        try (ChunkingOperations operations = ChunkingOperations.builder().nanoTime(now::get).rateLimiter(counting)
                .sleeper(d -> {
                    slept[0] += d.toNanos();
                    now.addAndGet(d.toNanos());
                }).build()) {
            OperationResult result = operations.run(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100),
                    DocumentSource.ofBytes("d", bytes), c -> { }).options(OperationOptions.builder().bufferSize(1000).build()).build());
            assertThat(result.status()).isEqualTo(OperationStatus.COMPLETED);
        }
        long total = granted.stream().mapToLong(Long::longValue).sum();
        long last = granted.get(granted.size() - 1);
        assertThat(total).isEqualTo(bytes.length - 3); // the three bytes that decide about a byte order mark are not a buffer
        assertThat(granted.subList(0, granted.size() - 1)).containsOnly(1000L);
        assertThat(asked.get()).isEqualTo(2L * granted.size() - 1); // every buffer after the first was refused once
        // the first buffer goes 500 bytes into debt from the full bucket, then each waits until the bucket holds min(its size, 500):
        // every byte but the last buffer's beyond the burst takes exactly 100 µs
        assertThat(slept[0]).isEqualTo((total - last + Math.min(last, 500) - 500) * 100_000);
    }

    @Test
    void aCancelWhileWaitingForPermitsStopsWithinThatBuffer() throws Exception {
        byte[] bytes = text(200);
        AtomicReference<Operation> op = new AtomicReference<>();
        CountDownLatch submitted = new CountDownLatch(1);
        try (ChunkingOperations operations = ChunkingOperations.builder().rateLimiter((key, permits) -> Duration.ofSeconds(1))
                .sleeper(d -> {
                    submitted.await();
                    op.get().cancel();
                }).build()) {
            op.set(operations.submit(OperationRequest.builder(COLLECTION, DOCUMENT, recursive(100), DocumentSource.ofBytes("d", bytes),
                    c -> { }).options(OperationOptions.builder().bufferSize(512).build()).build()));
            submitted.countDown();
            OperationResult result = op.get().completion().get(30, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(OperationStatus.CANCELLED);
            assertThat(result.bytes()).isEqualTo(3 + 512);
        }
    }
}
