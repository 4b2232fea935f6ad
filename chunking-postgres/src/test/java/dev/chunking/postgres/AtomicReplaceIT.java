package dev.chunking.postgres;

import static dev.chunking.postgres.StoreFixtures.MULTILINGUAL;
import static dev.chunking.postgres.StoreFixtures.newCollection;
import static dev.chunking.postgres.StoreFixtures.read;
import static dev.chunking.postgres.StoreFixtures.writeAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Re-chunking a document with other options replaces its chunk set atomically: a reader thread
 * that reads the document over and over while the new set is written, in batches of 3 chunks
 * (so the replace spans dozens of transactions), sees the old set or the new set, never a mix.
 */
class AtomicReplaceIT {
    /** One full read: when it started and ended relative to the replace, and what it saw. */
    private record Read(long startedAt, long endedAt, List<Chunk> chunks) {
    }

    @Test
    void aConcurrentReaderSeesTheOldSetOrTheNewSetNeverAMix() throws Exception {
        try (TestDatabase database = new TestDatabase();
             PostgresChunkStore store = database.store(PostgresStoreOptions.builder().batchChunks(3).fetchSize(5).build())) {
            CollectionId collection = newCollection();
            DocumentId document = DocumentId.of("replaced");
            List<Chunk> setA = Chunking.of("recursive", ChunkingOptions.builder().maxSize(160).overlap(20).build())
                    .chunk(document, MULTILINGUAL);
            List<Chunk> setB = Chunking.of("recursive", ChunkingOptions.builder().maxSize(60).overlap(10).build())
                    .chunk(document, MULTILINGUAL);
            assertThat(setB).isNotEqualTo(setA);
            writeAll(store.writer(collection), document, setA);

            AtomicLong clock = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger finished = new AtomicInteger();
            ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    long started = clock.get();
                    List<Chunk> seen = read(store, collection, document);
                    reads.add(new Read(started, clock.get(), seen));
                    finished.incrementAndGet();
                }
            });

            PostgresChunkWriter writer = store.writer(collection);
            long replaceStarted = -1;
            for (Chunk chunk : setB) {
                writer.accept(chunk);
                if (chunk.index() % 3 == 2) { // a batch of the new set is committed
                    if (chunk.index() % 12 == 11) {
                        awaitReads(finished, 2); // whole reads while the replace is pending
                    }
                    long now = clock.incrementAndGet();
                    replaceStarted = replaceStarted < 0 ? now : replaceStarted;
                }
            }
            awaitReads(finished, 2);
            long completing = clock.incrementAndGet();
            writer.complete(document);
            long completed = clock.incrementAndGet();
            awaitReads(finished, 3);
            stop.set(true);
            reader.get(30, TimeUnit.SECONDS);

            long pendingFrom = replaceStarted;
            List<Read> duringReplace = reads.stream()
                    .filter(r -> r.startedAt() >= pendingFrom && r.endedAt() < completing).toList();
            System.out.printf("AtomicReplaceIT: %d reads, %d of them whole while the replace was pending; set A %d chunks,"
                    + " set B %d chunks written in %d transactions%n", reads.size(), duringReplace.size(), setA.size(),
                    setB.size(), (setB.size() + 2) / 3 + 1);
            assertThat(reads).allSatisfy(r -> assertThat(r.chunks()).as("read from %d to %d", r.startedAt(), r.endedAt())
                    .satisfiesAnyOf(c -> assertThat(c).isEqualTo(setA), c -> assertThat(c).isEqualTo(setB)));
            assertThat(duringReplace).as("whole reads while the new set was being written").hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(r -> assertThat(r.chunks()).isEqualTo(setA));
            assertThat(reads).anySatisfy(r -> assertThat(r.chunks()).isEqualTo(setA));
            assertThat(reads).anySatisfy(r -> assertThat(r.chunks()).isEqualTo(setB));
            assertThat(reads.stream().filter(r -> r.startedAt() >= completed))
                    .hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> assertThat(r.chunks()).isEqualTo(setB));
            assertThat(setB.size() / 3).as("transactions the replace spanned").isGreaterThan(20);
        }
    }

    private static void awaitReads(AtomicInteger finished, int more) throws InterruptedException {
        int target = finished.get() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (finished.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reader thread stopped reading");
            }
            Thread.sleep(1);
        }
    }
}
