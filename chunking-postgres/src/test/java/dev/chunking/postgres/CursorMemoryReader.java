package dev.chunking.postgres;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM of {@link CursorMemoryIT}: reads a document through {@link PostgresChunkStore#read},
 * checks every chunk comes in index order with the text the test wrote, and prints the count, the
 * largest heap in use just after a collection (every 50,000 chunks), and the peak of the heap pools.
 */
final class CursorMemoryReader {
    private CursorMemoryReader() {
    }

    /**
     * Reads the document and prints {@code count liveAfterGcBytes poolPeakBytes}.
     *
     * @param args the JDBC URL (with currentSchema), the collection, the document
     */
    public static void main(String[] args) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(args[0]);
        long[] state = {0, 0}; // next index, largest live heap after GC
        try (PostgresChunkStore store = PostgresChunkStore.create(source, PostgresStoreOptions.builder().migrate(false).build())) {
            long n = store.read(CollectionId.of(args[1]), DocumentId.of(args[2]), (Chunk chunk) -> {
                long i = state[0];
                if (chunk.index() != i || chunk.start() != i * CursorMemoryIT.CODE_POINTS
                        || chunk.byteEnd() != (i + 1) * CursorMemoryIT.BYTES || Long.parseLong(chunk.text().substring(50)) != i) {
                    throw new IllegalStateException("chunk " + chunk.index() + " arrived where chunk " + i + " belongs: " + chunk);
                }
                state[0]++;
                if (i % 50_000 == 0) {
                    System.gc();
                    state[1] = Math.max(state[1], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
            });
            if (n != state[0]) {
                throw new IllegalStateException("read returned " + n + " but handed over " + state[0]);
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(state[0] + " " + state[1] + " " + peak);
    }
}
