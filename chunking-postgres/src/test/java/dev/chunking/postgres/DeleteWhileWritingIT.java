package dev.chunking.postgres;

import static dev.chunking.postgres.StoreFixtures.MULTILINGUAL;
import static dev.chunking.postgres.StoreFixtures.chunking;
import static dev.chunking.postgres.StoreFixtures.documentRow;
import static dev.chunking.postgres.StoreFixtures.newCollection;
import static dev.chunking.postgres.StoreFixtures.rowsAnywhere;
import static dev.chunking.postgres.StoreFixtures.writeAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.internal.CopyRows;
import dev.chunking.postgres.internal.DocumentRuns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A delete that runs while a writer's batch transaction is open (it holds the document's row
 * lock and has COPYed rows) waits for it and then deletes the batch's rows too: no chunk row
 * outlives its document or collection.
 */
class DeleteWhileWritingIT {
    @Test
    void deleteDocumentLeavesNoRowOfABatchCommittedWhileItWaited() throws Exception {
        assertDeleteLeavesNoRow((store, collection, document) -> store.deleteDocument(collection, document));
    }

    @Test
    void deleteCollectionLeavesNoRowOfABatchCommittedWhileItWaited() throws Exception {
        assertDeleteLeavesNoRow((store, collection, document) -> store.deleteCollection(collection));
    }

    /** A delete of the store. */
    @FunctionalInterface
    private interface Delete {
        long run(PostgresChunkStore store, CollectionId collection, DocumentId document);
    }

    private static void assertDeleteLeavesNoRow(Delete delete) throws Exception {
        try (TestDatabase database = new TestDatabase();
             PostgresChunkStore store = database.store(PostgresStoreOptions.defaults())) {
            CollectionId collection = newCollection();
            DocumentId document = DocumentId.of("deleted-while-written");
            List<Chunk> chunks = chunking("recursive").chunk(document, MULTILINGUAL);
            writeAll(store.writer(collection), document, chunks);
            int bucket = store.partitionOf(collection).orElseThrow();
            try (Connection begin = database.connect(); Connection batch = database.connect()) {
                long generation = DocumentRuns.begin(begin, bucket, collection.value(), document.value(), 0);
                batch.setAutoCommit(false);
                assertThat(DocumentRuns.own(batch, collection.value(), document.value(), generation)).isTrue();
                DocumentRuns.write(batch, bucket, collection.value(), document.value(), generation, 0, chunks, new CopyRows());
                long batchPid = pid(batch);

                CompletableFuture<Long> deleting = CompletableFuture.supplyAsync(() -> delete.run(store, collection, document));
                awaitBlockedBy(database, batchPid);
                batch.commit();
                deleting.get(30, TimeUnit.SECONDS);
            }
            assertThat(rowsAnywhere(database, collection)).isZero();
            assertThat(documentRow(database, collection, document)).isNull();
        }
    }

    private static long pid(Connection c) throws SQLException {
        return query(c, "SELECT pg_backend_pid()", s -> { });
    }

    private static void awaitBlockedBy(TestDatabase database, long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = database.connect()) {
            while (query(c, "SELECT count(*) FROM pg_stat_activity WHERE ?::int = ANY (pg_blocking_pids(pid))",
                    s -> s.setLong(1, pid)) == 0) {
                assertThat(System.nanoTime()).as("the delete waits for the open batch").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement s) throws SQLException;
    }

    private static long query(Connection c, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
