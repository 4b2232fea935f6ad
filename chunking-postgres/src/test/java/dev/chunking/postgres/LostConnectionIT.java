package dev.chunking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.internal.CopyRows;
import dev.chunking.postgres.internal.Partitions;
import dev.chunking.testing.CuttingProxy;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store reaches the server through a {@link CuttingProxy} that loses the connections in the
 * middle of a batch's COPY, or refuses every connection: a batch is run again whole with
 * backoff, stored once, never in half; and when the server stays away the write fails after
 * exactly its attempts, saying what to check, with nothing of the batch stored.
 */
class LostConnectionIT {
    private static final DocumentId DOCUMENT = DocumentId.of("lost/\u00e9t\u00e9-\u6587\u6863.md");
    private static final List<Chunk> CHUNKS = CrashingRun.CHUNKING.chunk(DOCUMENT, CrashingRun.text(30)); // ~200 chunks, a COPY of over 20 KB

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private TestDatabase database;
    private CuttingProxy proxy;

    @BeforeEach
    void startProxy() throws SQLException, IOException {
        database = new TestDatabase();
        URI server = URI.create(TestDatabase.URL.substring("jdbc:".length()));
        proxy = new CuttingProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
    }

    @AfterEach
    void stopProxy() throws SQLException, IOException {
        proxy.close();
        database.close();
    }

    /** A store whose connections go through the proxy, recording its waits instead of sleeping. */
    private PostgresChunkStore store(PostgresStoreOptions options) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(TestDatabase.URL.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
        source.setCurrentSchema(database.schema);
        source.setSslMode("disable"); // one TCP connection per attempt: no SSL or GSS negotiation opens a second
        source.setGssEncMode("disable");
        source.setConnectTimeout(5);
        source.setSocketTimeout(30);
        return PostgresChunkStore.start(source, false, options, sleeps::add);
    }

    @Test
    void aBatchWhoseConnectionIsCutInTheMiddleOfItsCopyIsRunAgainWholeWithBackoffAndStoredOnce() throws SQLException {
        PostgresChunkStore store = store(PostgresStoreOptions.builder().batchChunks(10_000).attempts(5)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(5)).build());
        CollectionId collection = CollectionId.of("cut-mid-copy");
        PostgresChunkWriter writer = store.writer(collection);
        CopyRows rows = new CopyRows();
        CHUNKS.forEach(chunk -> rows.add(0, collection.value(), 1, chunk));
        assertThat(rows.length()).isGreaterThan(20_000); // the statements before the COPY send far less than half of it
        CHUNKS.forEach(writer::accept); // one batch, written by complete()

        proxy.cutAfterClientBytes(rows.length() / 2, 2); // the first two attempts lose their connection half-way through the COPY
        writer.complete(DOCUMENT);

        assertThat(proxy.cuts()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        List<Chunk> stored = new ArrayList<>();
        store.read(collection, DOCUMENT, stored::add);
        assertThat(stored).isEqualTo(CHUNKS);
        assertThat(store.count(collection, DOCUMENT)).isEqualTo(CHUNKS.size());
        assertThat(rows(store, collection)).containsExactly((long) CHUNKS.size(), (long) CHUNKS.size(), CHUNKS.size() - 1L);
    }

    @Test
    void aServerThatRefusesEveryConnectionFailsTheBatchAfterExactlyItsAttemptsAndStoresNothingOfIt() throws SQLException {
        PostgresChunkStore store = store(PostgresStoreOptions.builder().batchChunks(50).attempts(4)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(250)).build());
        CollectionId collection = CollectionId.of("refused");
        PostgresChunkWriter writer = store.writer(collection);
        CHUNKS.subList(0, 101).forEach(writer::accept); // two batches stored (a full batch goes when the next chunk comes)

        proxy.refuse(true);
        int before = proxy.accepted();
        CHUNKS.subList(101, 150).forEach(writer::accept);
        assertThatThrownBy(() -> writer.accept(CHUNKS.get(150)))
                .isInstanceOf(ChunkStoreException.class)
                .hasMessageContaining("cannot write 50 chunks of document '" + DOCUMENT.value() + "' of collection 'refused'"
                        + " from chunk 100")
                .hasMessageContaining("the batch may have been stored or not, and a resumed run stores it once (check the server"
                        + " is up, then resume the run from its checkpoint)")
                .satisfies(e -> assertThat(e.getCause().getSuppressed()).extracting(Throwable::getMessage)
                        .contains("gave up writing 50 chunks of document '" + DOCUMENT.value() + "' of collection 'refused'"
                                + " after 4 attempts"));
        assertThat(proxy.accepted() - before).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));

        proxy.refuse(false);
        assertThat(rows(store, collection)).containsExactly(100L, 100L, 99L);
        assertThat(store.count(collection, DOCUMENT)).isZero(); // never completed: readers see nothing yet

        writer.complete(DOCUMENT); // the server is back: the staged batch goes in with the completion
        List<Chunk> stored = new ArrayList<>();
        store.read(collection, DOCUMENT, stored::add);
        assertThat(stored).isEqualTo(CHUNKS.subList(0, 150));
    }

    /** {rows of the document in any generation, distinct chunk indexes, the highest index}, read past the store. */
    private List<Long> rows(PostgresChunkStore store, CollectionId collection) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT count(*),"
                + " count(DISTINCT chunk_index), coalesce(max(chunk_index), -1) FROM "
                + Partitions.table(store.partitionOf(collection).orElseThrow()) + " WHERE collection = ? AND document = ?")) {
            s.setString(1, collection.value());
            s.setString(2, DOCUMENT.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }
}
