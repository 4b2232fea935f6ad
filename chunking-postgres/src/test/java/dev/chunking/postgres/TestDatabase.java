package dev.chunking.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on the test server, dropped when closed, so tests never see each other's
 * rows. The server is {@code CHUNKING_PG_URL} when set, else the local one every development and
 * CI machine runs (127.0.0.1:5432, database {@code test}, trust authentication).
 */
final class TestDatabase implements AutoCloseable {
    static final String URL = System.getenv().getOrDefault("CHUNKING_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    final String schema = "chunking_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);

    TestDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    /** A new connection whose search path is this schema only. */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(URL);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    /** A data source whose connections have this schema as their search path. */
    DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(URL);
        source.setCurrentSchema(schema);
        return source;
    }

    /** The JDBC URL of this schema, as a host or the CLI would pass it. */
    String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A store over this schema, migrated. */
    PostgresChunkStore store(PostgresStoreOptions options) {
        return PostgresChunkStore.create(dataSource(), options);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
