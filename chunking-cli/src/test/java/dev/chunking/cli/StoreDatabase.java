package dev.chunking.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own on the test server for the store ITs, dropped when closed (as chunking-postgres's
 * TestDatabase): the server is {@code CHUNKING_PG_URL} when set, else the local one (127.0.0.1:5432,
 * database {@code test}, trust authentication).
 */
final class StoreDatabase implements AutoCloseable {
    static final String SERVER = System.getenv().getOrDefault("CHUNKING_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    final String schema = "chunking_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);

    StoreDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    /** The JDBC URL of this schema, as given to {@code --store}. */
    String url() {
        return SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A new connection whose search path is this schema only. */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(SERVER);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
