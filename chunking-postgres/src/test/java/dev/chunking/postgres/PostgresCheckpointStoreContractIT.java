package dev.chunking.postgres;

import dev.chunking.spi.CheckpointStore;
import dev.chunking.testing.CheckpointStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The store passes core's checkpoint store contract against the real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCheckpointStoreContractIT extends CheckpointStoreContract {
    private TestDatabase database;
    private PostgresChunkStore store;

    @BeforeAll
    void createSchema() throws SQLException {
        database = new TestDatabase();
        store = database.store(PostgresStoreOptions.defaults());
    }

    @AfterAll
    void dropSchema() throws SQLException {
        store.close();
        database.close();
    }

    @Override
    protected CheckpointStore store() {
        return store;
    }
}
