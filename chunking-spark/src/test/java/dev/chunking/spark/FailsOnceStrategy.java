package dev.chunking.spark;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.RecursiveStrategy;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * A test plugin, registered through this module's test {@code META-INF/services}: it cuts as
 * {@code recursive}, but the first attempt of the task of partition 1 fails at that partition's
 * tenth chunk, after nine rows of it went to the writer. Found by name on the executor as any
 * plugin is, so it also shows that executors use the registry.
 */
public final class FailsOnceStrategy implements ChunkingStrategy {
    /** The name it registers under. */
    public static final String NAME = "fails-once-in-partition-1";
    /** How many times a task failed on purpose in this JVM. */
    static final AtomicInteger FAILURES = new AtomicInteger();
    /** Chunks the failing attempt has seen, across its documents; the test sets it to 0 first. */
    static final AtomicInteger SEEN = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "recursive, failing the first attempt of partition 1 at its tenth chunk";
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink) {
        TaskContext task = TaskContext.get();
        boolean failing = task != null && task.partitionId() == 1 && task.attemptNumber() == 0;
        return new RecursiveStrategy().open(document, options, counter, chunk -> {
            if (failing && SEEN.incrementAndGet() == 10) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("planned failure of the first attempt of partition 1");
            }
            sink.accept(chunk);
        });
    }
}
