package dev.chunking.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * A {@link DataSource} (JDK dynamic proxies over the connection, its statements and its
 * {@code PGConnection}) that counts every statement sent to the server, the commits and the COPY
 * included, optionally prints the kind of each, and halts the JVM just before statement number
 * {@code haltAt}, as a power cut would: no finally block, no rollback, no socket closed politely.
 */
final class CountingDataSource {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final long haltAt;
    private final PrintStream log;
    private long count;

    private CountingDataSource(long haltAt, PrintStream log) {
        this.haltAt = haltAt;
        this.log = log;
    }

    /**
     * Wraps a data source.
     *
     * @param target the real data source
     * @param haltAt the statement to halt before, 1-based; 0 for never
     * @param log where each statement's kind is printed, one a line, or null
     */
    static DataSource wrap(DataSource target, long haltAt, PrintStream log) {
        CountingDataSource counter = new CountingDataSource(haltAt, log);
        return proxy(DataSource.class, (p, m, a) -> {
            Object result = call(target, m, a);
            return m.getName().equals("getConnection") ? counter.connection((Connection) result) : result;
        });
    }

    /** Counts a statement about to be sent, halting the JVM when it is statement {@code haltAt}. */
    private synchronized void before(String kind) {
        count++;
        if (count == haltAt) {
            Runtime.getRuntime().halt(137);
        }
        if (log != null) {
            log.println(kind);
        }
    }

    private Connection connection(Connection real) {
        return proxy(Connection.class, (p, m, a) -> {
            switch (m.getName()) {
                case "commit", "rollback" -> before(m.getName());
                case "unwrap" -> {
                    if (a[0] == PGConnection.class) {
                        return pgConnection(real);
                    }
                }
                default -> { }
            }
            Object result = call(real, m, a);
            if (m.getName().equals("prepareStatement")) {
                String kind = kind((String) a[0]);
                return proxy(PreparedStatement.class, (sp, sm, sa) -> {
                    if (EXECUTES.contains(sm.getName())) {
                        before(kind);
                    }
                    return call(result, sm, sa);
                });
            }
            if (m.getName().equals("createStatement")) {
                return proxy(Statement.class, (sp, sm, sa) -> {
                    if (EXECUTES.contains(sm.getName())) {
                        before(kind(sa != null && sa.length > 0 && sa[0] instanceof String sql ? sql : "batch"));
                    }
                    return call(result, sm, sa);
                });
            }
            return result;
        });
    }

    private PGConnection pgConnection(Connection real) throws SQLException {
        PGConnection pg = real.unwrap(PGConnection.class);
        CopyManager copy = new CountingCopyManager(real.unwrap(BaseConnection.class));
        return proxy(PGConnection.class, (p, m, a) -> m.getName().equals("getCopyAPI") ? copy : call(pg, m, a));
    }

    /** The driver's COPY, counted when it starts (the COPY statement is the first message it sends). */
    private final class CountingCopyManager extends CopyManager {
        CountingCopyManager(BaseConnection connection) throws SQLException {
            super(connection);
        }

        @Override
        public long copyIn(String sql, InputStream from) throws SQLException, IOException {
            before("copy");
            return super.copyIn(sql, from);
        }

        @Override
        public CopyIn copyIn(String sql) throws SQLException {
            before("copy");
            return super.copyIn(sql);
        }
    }

    /** A short name of the statement, stable from run to run. */
    static String kind(String sql) {
        if (sql.contains("chunking_collection_bucket")) {
            return "place collection";
        } else if (sql.startsWith("SELECT checkpoint")) {
            return "load checkpoint";
        } else if (sql.startsWith("INSERT INTO chunk_documents")) {
            return "begin run";
        } else if (sql.startsWith("UPDATE chunk_documents SET pending_generation")) {
            return "begin run: new generation";
        } else if (sql.contains("FOR UPDATE")) {
            return "lock document";
        } else if (sql.startsWith("DELETE FROM chunks_p") && sql.contains("generation < ?")) {
            return "complete: delete old generation";
        } else if (sql.startsWith("DELETE FROM chunks_p") && sql.contains("chunk_index >= ?")) {
            return "delete batch range";
        } else if (sql.startsWith("DELETE FROM chunks_p")) {
            return "begin run: delete interrupted generation";
        } else if (sql.startsWith("UPDATE chunk_documents SET current_generation")) {
            return "complete: make generation current";
        } else if (sql.startsWith("INSERT INTO chunk_checkpoints")) {
            return "save checkpoint";
        }
        return "other: " + sql;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
