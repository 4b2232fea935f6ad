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
 * CI machine runs (127.0.0.1:5432, database {@code test}, trust authentication). Published in
 * chunking-postgres's test-jar for the tests of modules that use the store, such as the CLI's.
 */
public final class TestDatabase implements AutoCloseable {
    /** The test server's JDBC URL. */
    public static final String URL = System.getenv().getOrDefault("CHUNKING_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** This database's schema name. */
    public final String schema = "chunking_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);

    /**
     * Creates the schema.
     *
     * @throws SQLException if the server cannot be reached
     */
    public TestDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    /** A new connection whose search path is this schema only. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(URL);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    /** A data source whose connections have this schema as their search path. */
    public DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(URL);
        source.setCurrentSchema(schema);
        return source;
    }

    /** The JDBC URL of this schema, as a host or the CLI would pass it. */
    public String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A store over this schema, migrated. */
    public PostgresChunkStore store(PostgresStoreOptions options) {
        return PostgresChunkStore.create(dataSource(), options);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
