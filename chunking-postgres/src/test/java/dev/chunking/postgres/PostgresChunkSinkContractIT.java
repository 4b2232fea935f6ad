package dev.chunking.postgres;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.internal.ChunkRows;
import dev.chunking.postgres.internal.Partitions;
import dev.chunking.spi.ChunkSink;
import dev.chunking.testing.ChunkSinkContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The writer passes core's sink contract against the real server, with batches smaller than a
 * document so that a document spans several transactions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresChunkSinkContractIT extends ChunkSinkContract {
    private TestDatabase database;
    private PostgresChunkStore store;

    @BeforeAll
    void createSchema() throws SQLException {
        database = new TestDatabase();
        store = database.store(PostgresStoreOptions.builder().batchChunks(4).build());
    }

    @AfterAll
    void dropSchema() throws SQLException {
        store.close();
        database.close();
    }

    @Override
    protected ChunkSink sink(CollectionId collection) {
        return store.writer(collection);
    }

    /** What the server durably holds: the newest generation's rows, completed or not (a sink contract knows no completion). */
    @Override
    protected List<Chunk> stored(CollectionId collection, DocumentId document) {
        List<Chunk> chunks = new ArrayList<>();
        try (Connection c = database.connect()) {
            int bucket = store.partitionOf(collection).orElseThrow();
            try (PreparedStatement s = c.prepareStatement("SELECT " + ChunkRows.COLUMNS + " FROM " + Partitions.table(bucket)
                    + " WHERE collection = ? AND document = ? AND generation = (SELECT max(generation) FROM chunks"
                    + " WHERE collection = ? AND document = ?) ORDER BY chunk_index")) {
                s.setString(1, collection.value());
                s.setString(2, document.value());
                s.setString(3, collection.value());
                s.setString(4, document.value());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        chunks.add(ChunkRows.chunk(rs, document));
                    }
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return chunks;
    }
}
