package dev.chunking.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database's chunking schema to this library's version by applying the versioned SQL
 * migrations shipped in the jar ({@code dev/chunking/postgres/migrations/V<n>__<name>.sql}), in
 * the schema first on the connection's {@code search_path}. Safe when several instances start at
 * once: one transaction holds an advisory lock while it reads the recorded version, applies what
 * is missing and records it, so every instance sees the schema whole. Refuses a database whose
 * schema is newer than the library. A host that runs Flyway or Liquibase applies the same files
 * instead (they are plain SQL, in order) and need not call this. Stateless and thread-safe.
 */
public final class PostgresMigrations {
    /** The migrations, in order; the n-th is version n. */
    static final List<String> FILES = List.of("V1__chunks_over_100_list_partitions.sql");

    /** The schema version this library writes and reads. */
    public static final int LATEST = FILES.size();

    /** The table that records the versions applied. */
    public static final String VERSION_TABLE = "chunking_schema_version";

    /** The advisory lock every instance takes while it migrates: "chunking" in ASCII. */
    static final long LOCK_KEY = 0x6368756e6b696e67L;

    private PostgresMigrations() {
    }

    /**
     * Applies the missing migrations in one transaction and returns the schema version then in
     * force. The connection's auto-commit setting is restored.
     *
     * @param connection an open connection to the database, with the target schema first on its search path
     * @return {@link #LATEST}
     * @throws SchemaVersionException if the database's schema is newer than this library, or a migration fails
     * @throws SQLException if the database cannot be reached
     */
    public static int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            int version;
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version integer PRIMARY KEY,"
                        + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
                try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + VERSION_TABLE)) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            if (version > LATEST) {
                throw new SchemaVersionException("the database's chunking schema is at version " + version + ", newer than this"
                        + " library's " + LATEST + "; upgrade chunking-postgres to the version that wrote it");
            }
            for (int next = version + 1; next <= LATEST; next++) {
                apply(connection, next);
            }
            connection.commit();
            return LATEST;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (e instanceof SQLException sql && !"08".equals(sqlClass(sql))) { // a failed statement, not a lost connection
                throw new SchemaVersionException("migrating the chunking schema to version " + LATEST + " failed: "
                        + sql.getMessage() + "; nothing was changed (the migration runs in one transaction)", sql);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Returns the schema version recorded in the database, 0 when none was applied.
     *
     * @param connection an open connection, with the schema first on its search path
     * @return the version
     * @throws SQLException if the database cannot be read
     */
    public static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('" + VERSION_TABLE + "') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + VERSION_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection connection, int version) throws SQLException {
        String file = FILES.get(version - 1);
        try (Statement statement = connection.createStatement()) {
            statement.execute(read(file));
        }
        try (PreparedStatement record = connection.prepareStatement("INSERT INTO " + VERSION_TABLE
                + " (version, description) VALUES (?, ?)")) {
            record.setInt(1, version);
            record.setString(2, file);
            record.executeUpdate();
        }
    }

    /**
     * Reads a migration shipped in the jar.
     *
     * @param file its file name
     * @return its SQL
     */
    static String read(String file) {
        try (InputStream in = PostgresMigrations.class.getResourceAsStream("migrations/" + file)) {
            if (in == null) {
                throw new SchemaVersionException("migration " + file + " is missing from the chunking-postgres jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + file, e);
        }
    }

    private static String sqlClass(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.length() < 2 ? "" : state.substring(0, 2);
    }
}
