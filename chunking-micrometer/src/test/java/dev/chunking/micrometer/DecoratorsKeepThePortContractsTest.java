package dev.chunking.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.RateLimit;
import dev.chunking.ratelimit.TokenBucketRateLimiter;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.RateLimiter;
import dev.chunking.testing.CheckpointStoreContract;
import dev.chunking.testing.ChunkSinkContract;
import dev.chunking.testing.MemoryCheckpointStore;
import dev.chunking.testing.TransactionalMemoryStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The decorators are the ports they wrap, as far as any caller can tell: each passes the port's
 * contract suite of core's test-jar (the limiter's in {@link MeteredRateLimiterContractTest}, where
 * jqwik finds its properties), and errors pass through unchanged while they are counted.
 */
class DecoratorsKeepThePortContractsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChunkingMetrics metrics = ChunkingMetrics.on(registry);

    @Test
    void aLimiterThatThrowsOrAnswersNullIsCountedAsAnErrorAndItsAnswerPassesThrough() {
        RateLimiter bad = metrics.rateLimiter(TokenBucketRateLimiter.of(RateLimit.perSecond(10, 5)));
        assertThatThrownBy(() -> bad.tryAcquire(" ", 1)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("rate limiter key ' ' is null or blank; pass a key such as bytes:<collection>");
        assertThat(metrics.rateLimiter((key, permits) -> null).tryAcquire("k", 1)).isNull();
        assertThat(registry.get(ChunkingMetrics.RATE_LIMIT_ACQUIRE).tags("outcome", "error").timer().count()).isEqualTo(2);
        assertThat(registry.get(ChunkingMetrics.RATE_LIMIT_WAIT).timer().count()).isZero();
    }

    @Test
    void aStoreThatFailsIsTimedAsAnErrorAndItsExceptionPassesThroughUnchanged() {
        IllegalStateException broken = new IllegalStateException("disk gone");
        MemoryCheckpointStore memory = new MemoryCheckpointStore();
        CheckpointStore store = metrics.checkpoints(new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
                return memory.load(collection, document);
            }

            @Override
            public void save(Checkpoint checkpoint) {
                memory.save(checkpoint);
            }

            @Override
            public void delete(CollectionId collection, DocumentId document) {
                throw broken;
            }
        });
        assertThatThrownBy(() -> store.delete(CollectionId.of("c"), DocumentId.of("d"))).isSameAs(broken);
        assertThat(registry.get(ChunkingMetrics.CHECKPOINT).tags("action", "delete", "outcome", "error").timer().count()).isEqualTo(1);
        assertThat(registry.get(ChunkingMetrics.CHECKPOINT).tags("action", "delete", "outcome", "success").timer().count()).isZero();
    }

    @Nested
    class ATimedMemoryStoreKeepsTheCheckpointStoreContract extends CheckpointStoreContract {
        @Override
        protected CheckpointStore store() {
            return metrics.checkpoints(new MemoryCheckpointStore());
        }
    }

    @Nested
    class ATimedTransactionalStoreKeepsTheChunkSinkContract extends ChunkSinkContract {
        private final TransactionalMemoryStore store = new TransactionalMemoryStore();

        @Override
        protected ChunkSink sink(CollectionId collection) {
            return metrics.sink("recursive", store);
        }

        @Override
        protected List<Chunk> stored(CollectionId collection, DocumentId document) {
            return store.committed(collection, document);
        }
    }
}
