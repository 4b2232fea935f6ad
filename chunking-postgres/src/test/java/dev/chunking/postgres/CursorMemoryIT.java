package dev.chunking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.internal.Partitions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A document of a million chunks, over 100 MB of text, streams in index order through the
 * server-side cursor into a child JVM whose heap is capped at 48 MiB; the child reports the
 * largest heap it used (sampled after a collection every 50,000 chunks) and the peak of its heap
 * pools, both far below the data's size.
 */
class CursorMemoryIT {
    static final int CHUNKS = 1_000_000;
    /** Each chunk: 50 two-byte code points then a 10-digit index, 60 code points in 110 bytes. */
    static final int CODE_POINTS = 60;
    static final int BYTES = 110;
    private static final long MIB = 1L << 20;

    @Test
    void streamsAMillionChunksInIndexOrderThroughAFortyEightMebibyteHeap() throws Exception {
        try (TestDatabase database = new TestDatabase();
             PostgresChunkStore store = database.store(PostgresStoreOptions.defaults())) {
            CollectionId collection = CollectionId.of("million");
            DocumentId document = DocumentId.of("big");
            store.writer(collection);
            int bucket = store.partitionOf(collection).orElseThrow();
            long textBytes = fill(database, bucket, collection, document);
            assertThat(textBytes).isGreaterThan(100 * 1_000_000L);
            assertThat(store.count(collection, document)).isEqualTo(CHUNKS);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(List.of(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                    CursorMemoryReader.class.getName(), database.url(), collection.value(), document.value()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String report = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as("exit status; report: %s", report).isZero();

            String[] fields = report.split(" ");
            assertThat(fields).as(report).hasSize(3);
            assertThat(Long.parseLong(fields[0])).as("chunks read in order").isEqualTo(CHUNKS);
            long liveAfterGc = Long.parseLong(fields[1]);
            long poolPeak = Long.parseLong(fields[2]);
            System.out.printf("CursorMemoryIT: %d chunks, %d MB of text; heap live after GC at most %.1f MiB,"
                    + " pool peak %.1f MiB%n", CHUNKS, textBytes / 1_000_000, liveAfterGc / (double) MIB, poolPeak / (double) MIB);
            assertThat(liveAfterGc).as("largest live heap while streaming").isLessThan(16 * MIB);
            assertThat(poolPeak).as("peak heap pool use").isLessThan(40 * MIB).isLessThan(textBytes / 2);
        }
    }

    /** Inserts the million rows on the server in one statement and makes them the document's current set. */
    private static long fill(TestDatabase database, int bucket, CollectionId collection, DocumentId document) throws Exception {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + Partitions.table(bucket)
                    + " (bucket, collection, document, generation, chunk_index, text, start_cp, end_cp, start_byte, end_byte,"
                    + " size, unit, strategy) SELECT ?, ?, ?, 1, i, repeat('\u00e9', 50) || lpad(i::text, 10, '0'),"
                    + " i * " + CODE_POINTS + ", (i + 1) * " + CODE_POINTS + ", i * " + BYTES + ", (i + 1) * " + BYTES + ", "
                    + CODE_POINTS + ", 'chars', 'recursive' FROM generate_series(0, ? - 1) AS i")) {
                s.setInt(1, bucket);
                s.setString(2, collection.value());
                s.setString(3, document.value());
                s.setInt(4, CHUNKS);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO chunk_documents (collection, document, bucket,"
                    + " current_generation, chunk_count) VALUES (?, ?, ?, 1, ?)")) {
                s.setString(1, collection.value());
                s.setString(2, document.value());
                s.setInt(3, bucket);
                s.setLong(4, CHUNKS);
                s.executeUpdate();
            }
            long bytes;
            try (PreparedStatement s = c.prepareStatement("SELECT sum(octet_length(text)) FROM " + Partitions.table(bucket)
                    + " WHERE collection = ?")) {
                s.setString(1, collection.value());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
            }
            c.commit();
            return bytes;
        }
    }
}
