package dev.chunking.postgres;

import static dev.chunking.postgres.StoreFixtures.MULTILINGUAL;
import static dev.chunking.postgres.StoreFixtures.checkpoint;
import static dev.chunking.postgres.StoreFixtures.chunking;
import static dev.chunking.postgres.StoreFixtures.documentRow;
import static dev.chunking.postgres.StoreFixtures.newCollection;
import static dev.chunking.postgres.StoreFixtures.read;
import static dev.chunking.postgres.StoreFixtures.rows;
import static dev.chunking.postgres.StoreFixtures.rowsAnywhere;
import static dev.chunking.postgres.StoreFixtures.writeAll;
import static dev.chunking.postgres.StoreFixtures.writeThroughChunker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What readers see of the store on the real server: one row per chunk however often a document
 * is written, every field of a real chunked document back, exact range reads, counts of
 * completed documents only, and deletes that take exactly what they name. Batches of 4 chunks,
 * so that every document spans many transactions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresChunkStoreIT {
    private static final DocumentId DOC = DocumentId.of("guide/\u00e9t\u00e9 \u6587\u6863.md");

    private TestDatabase database;
    private PostgresChunkStore store;

    @BeforeAll
    void createSchema() throws SQLException {
        database = new TestDatabase();
        store = database.store(PostgresStoreOptions.builder().batchChunks(4).fetchSize(7).build());
    }

    @AfterAll
    void dropSchema() throws SQLException {
        store.close();
        database.close();
    }

    @Test
    void keepsOneRowPerChunkWhenTheSameDocumentIsWrittenTwice() throws SQLException {
        CollectionId collection = newCollection();
        List<Chunk> chunks = chunking("markdown").chunk(DOC, MULTILINGUAL);
        writeAll(store.writer(collection), DOC, chunks);
        PostgresChunkWriter again = store.writer(collection);
        chunks.forEach(again::accept);
        again.commit(checkpoint(collection, DOC, chunks.size(), true));

        assertThat(rows(database, store, collection, DOC)).isEqualTo(chunks.size());
        assertThat(rowsAnywhere(database, collection)).isEqualTo(chunks.size());
        assertThat(store.count(collection)).isEqualTo(chunks.size());
        assertThat(read(store, collection, DOC)).isEqualTo(chunks);
        assertThat(store.load(collection, DOC)).contains(checkpoint(collection, DOC, chunks.size(), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "markdown", "hierarchical"})
    void readsBackEveryFieldOfARealChunkedMultilingualDocument(String strategy) {
        CollectionId collection = newCollection();
        List<Chunk> expected = chunking(strategy).chunk(DOC, MULTILINGUAL);
        writeThroughChunker(store.writer(collection), chunking(strategy), DOC, MULTILINGUAL);

        assertThat(expected).hasSizeGreaterThan(20);
        List<Chunk> stored = read(store, collection, DOC);
        assertThat(stored).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(stored.get(i)).as("chunk %d", i).isEqualTo(expected.get(i));
        }
        assertThat(store.count(collection, DOC)).isEqualTo(expected.size());
        if ("markdown".equals(strategy)) {
            assertThat(stored).anyMatch(c -> c.metadata().headings().size() >= 3 && c.metadata().level() == 3
                    && c.metadata().headings().get(2).contains("\"quoted\" \\"));
            assertThat(stored).anyMatch(c -> "front-matter".equals(c.metadata().attributes().get("block")));
            assertThat(stored).anyMatch(c -> c.metadata().attributes().containsKey("tableHeader"));
        }
        if ("hierarchical".equals(strategy)) {
            assertThat(stored).anyMatch(c -> c.metadata().id().isPresent() && c.metadata().parent().isPresent()
                    && c.metadata().level() == 1);
            assertThat(stored).anyMatch(c -> c.metadata().id().isPresent() && c.metadata().parent().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "hierarchical"})
    void readsExactlyTheChunksOverlappingARangeInCodePointsAndInBytes(String strategy) {
        CollectionId collection = newCollection();
        List<Chunk> chunks = chunking(strategy).chunk(DOC, MULTILINGUAL);
        writeAll(store.writer(collection), DOC, chunks);
        long codePoints = chunks.stream().mapToLong(Chunk::end).max().orElseThrow();
        long bytes = chunks.stream().mapToLong(Chunk::byteEnd).max().orElseThrow();

        for (OffsetUnit unit : OffsetUnit.values()) {
            long total = unit == OffsetUnit.BYTES ? bytes : codePoints;
            long[][] ranges = {{0, 0}, {0, total}, {0, total * 2}, {0, 1}, {total / 2, total / 2}, {total / 3, total / 3 + 1},
                {total / 4, total / 2}, {total - 1, total}, {total, total + 10}, {7, 500}, {total / 2, total * 5}};
            for (long[] range : ranges) {
                List<Chunk> got = new ArrayList<>();
                long n = store.readRange(collection, DOC, unit, range[0], range[1], got::add);
                List<Chunk> want = chunks.stream().filter(c -> overlaps(c, unit, range[0], range[1])).toList();
                assertThat(got).as("%s [%d, %d)", unit, range[0], range[1]).isEqualTo(want);
                assertThat(n).isEqualTo(want.size());
            }
        }
        List<Chunk> whole = new ArrayList<>();
        store.readRange(collection, DOC, OffsetUnit.CODE_POINTS, 0, codePoints, whole::add);
        assertThat(whole).isEqualTo(chunks);
        assertThat(store.readRange(collection, DOC, OffsetUnit.BYTES, bytes, bytes, c -> { })).isZero();
    }

    private static boolean overlaps(Chunk c, OffsetUnit unit, long from, long to) {
        return unit == OffsetUnit.BYTES ? c.byteStart() < to && c.byteEnd() > from : c.start() < to && c.end() > from;
    }

    @Test
    void countsOnlyTheChunksOfCompletedDocuments() {
        CollectionId collection = newCollection();
        DocumentId done = DocumentId.of("done");
        DocumentId pending = DocumentId.of("pending");
        List<Chunk> first = chunking("recursive").chunk(done, MULTILINGUAL);
        List<Chunk> second = chunking("markdown").chunk(pending, MULTILINGUAL);
        writeAll(store.writer(collection), done, first);
        PostgresChunkWriter running = store.writer(collection);
        second.forEach(running::accept);
        running.commit(checkpoint(collection, pending, second.size(), false));

        assertThat(store.count(collection)).isEqualTo(first.size());
        assertThat(store.count(collection, done)).isEqualTo(first.size());
        assertThat(store.count(collection, pending)).isZero();
        assertThat(store.count(collection, DocumentId.of("never"))).isZero();
        assertThat(store.count(newCollection())).isZero();

        running.complete(pending);
        assertThat(store.count(collection)).isEqualTo(first.size() + second.size());
        assertThat(store.count(collection, pending)).isEqualTo(second.size());
    }

    @Test
    void deletingADocumentRemovesItsRowsOfEveryGenerationAndItsCheckpointOnly() throws SQLException {
        CollectionId collection = newCollection();
        CollectionId other = newCollection();
        DocumentId kept = DocumentId.of("kept");
        List<Chunk> chunks = chunking("recursive").chunk(DOC, MULTILINGUAL);
        List<Chunk> rechunked = chunking("markdown").chunk(DOC, MULTILINGUAL);
        List<Chunk> keptChunks = chunking("recursive").chunk(kept, MULTILINGUAL);
        PostgresChunkWriter writer = store.writer(collection);
        chunks.forEach(writer::accept);
        writer.commit(checkpoint(collection, DOC, chunks.size(), true));
        PostgresChunkWriter interrupted = store.writer(collection);
        rechunked.subList(0, 9).forEach(interrupted::accept);
        interrupted.commit(checkpoint(collection, DOC, 9, false));
        writeAll(store.writer(collection), kept, keptChunks);
        store.save(checkpoint(collection, kept, keptChunks.size(), true));
        writeAll(store.writer(other), DOC, chunks);
        store.save(checkpoint(other, DOC, chunks.size(), true));
        assertThat(rows(database, store, collection, DOC)).as("two generations").isEqualTo(chunks.size() + 9);

        assertThat(store.deleteDocument(collection, DOC)).isEqualTo(chunks.size() + 9);

        assertThat(rows(database, store, collection, DOC)).isZero();
        assertThat(documentRow(database, collection, DOC)).isNull();
        assertThat(store.load(collection, DOC)).isEmpty();
        assertThat(read(store, collection, DOC)).isEmpty();
        assertThat(read(store, collection, kept)).isEqualTo(keptChunks);
        assertThat(store.load(collection, kept)).isPresent();
        assertThat(read(store, other, DOC)).isEqualTo(chunks);
        assertThat(store.load(other, DOC)).isPresent();
        assertThat(store.count(collection)).isEqualTo(keptChunks.size());
        assertThat(store.deleteDocument(collection, DOC)).isZero();
    }

    @Test
    void deletingACollectionRemovesEverythingAndALaterWritePlacesItAgain() throws SQLException {
        CollectionId collection = newCollection();
        CollectionId other = newCollection();
        DocumentId second = DocumentId.of("second");
        List<Chunk> chunks = chunking("recursive").chunk(DOC, MULTILINGUAL);
        List<Chunk> secondChunks = chunking("hierarchical").chunk(second, MULTILINGUAL);
        PostgresChunkWriter writer = store.writer(collection);
        chunks.forEach(writer::accept);
        writer.commit(checkpoint(collection, DOC, chunks.size(), true));
        writeAll(writer, second, secondChunks);
        store.save(checkpoint(collection, second, secondChunks.size(), true));
        writeAll(store.writer(other), DOC, chunks);

        assertThat(store.deleteCollection(collection)).isEqualTo(chunks.size() + secondChunks.size());

        assertThat(rowsAnywhere(database, collection)).isZero();
        assertThat(store.partitionOf(collection)).isEmpty();
        assertThat(store.count(collection)).isZero();
        assertThat(read(store, collection, DOC)).isEmpty();
        assertThat(store.load(collection, DOC)).isEmpty();
        assertThat(store.load(collection, second)).isEmpty();
        assertThat(documentRow(database, collection, second)).isNull();
        assertThat(read(store, other, DOC)).isEqualTo(chunks);

        writeAll(store.writer(collection), second, secondChunks);
        assertThat(store.partitionOf(collection)).isPresent();
        assertThat(read(store, collection, second)).isEqualTo(secondChunks);
        assertThat(store.count(collection)).isEqualTo(secondChunks.size());
        assertThat(rows(database, store, collection, null)).isEqualTo(secondChunks.size());
    }

    @Test
    void aPendingRunIsInvisibleToReadersUntilItCompletes() throws SQLException {
        CollectionId collection = newCollection();
        DocumentId fresh = DocumentId.of("fresh");
        List<Chunk> old = chunking("recursive").chunk(DOC, MULTILINGUAL);
        List<Chunk> replacement = chunking("markdown").chunk(DOC, MULTILINGUAL);
        writeAll(store.writer(collection), DOC, old);
        PostgresChunkWriter writer = store.writer(collection);
        replacement.forEach(writer::accept);
        writer.commit(checkpoint(collection, DOC, replacement.size(), false));
        PostgresChunkWriter freshWriter = store.writer(collection);
        chunking("recursive").chunk(fresh, MULTILINGUAL).forEach(freshWriter::accept);
        freshWriter.commit(checkpoint(collection, fresh, 8, false));

        assertThat(rows(database, store, collection, DOC)).isEqualTo(old.size() + replacement.size());
        assertThat(read(store, collection, DOC)).isEqualTo(old);
        assertThat(store.count(collection, DOC)).isEqualTo(old.size());
        assertThat(read(store, collection, fresh)).isEmpty();
        assertThat(store.readRange(collection, fresh, OffsetUnit.BYTES, 0, Long.MAX_VALUE, c -> { })).isZero();
        assertThat(store.count(collection, fresh)).isZero();

        writer.complete(DOC);
        assertThat(read(store, collection, DOC)).isEqualTo(replacement);
        assertThat(rows(database, store, collection, DOC)).isEqualTo(replacement.size());
    }
}
