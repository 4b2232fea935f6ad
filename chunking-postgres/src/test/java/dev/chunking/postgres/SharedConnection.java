package dev.chunking.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One pgjdbc connection (default {@code prepareThreshold} 5) that a store gets for every
 * transaction, so that pgjdbc names its statements and the server switches them to generic
 * plans, as on a pooled connection. Just before each commit or rollback it records, from a
 * second connection, the {@code chunks*} relations the transaction holds locks on.
 */
final class SharedConnection implements AutoCloseable {
    /** Per transaction, the chunks* relations it locked with the lock's mode ({@code "chunks_p07 RowExclusiveLock"}), in order. */
    final List<List<String>> transactions = new ArrayList<>();

    private final Connection real;
    private final Connection monitor;
    private final int pid;

    SharedConnection(TestDatabase database, Connection monitor) throws SQLException {
        this.real = DriverManager.getConnection(database.url());
        this.monitor = monitor;
        try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.pid = rs.getInt(1);
        }
    }

    /** A data source whose every connection is the shared one; closing it leaves the shared one open. */
    DataSource dataSource() {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "commit", "rollback":
                            if (args == null) {
                                transactions.add(locked());
                            }
                            return call(method, args);
                        default:
                            return call(method, args);
                    }
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getParentLogger" -> Logger.getGlobal();
                    case "isWrapperFor" -> false;
                    case "toString" -> "shared connection";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private List<String> locked() throws SQLException {
        List<String> relations = new ArrayList<>();
        try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery("SELECT relation::regclass::text || ' ' || mode"
                + " FROM pg_locks WHERE pid = " + pid + " AND locktype = 'relation' ORDER BY 1")) {
            while (rs.next()) {
                if (rs.getString(1).startsWith("chunks")) {
                    relations.add(rs.getString(1));
                }
            }
        }
        return relations;
    }

    /** The statements pgjdbc prepared on the server that ran a generic plan at least once. */
    TreeSet<String> genericStatements() throws SQLException {
        TreeSet<String> statements = new TreeSet<>();
        try (Statement s = real.createStatement();
             ResultSet rs = s.executeQuery("SELECT statement FROM pg_prepared_statements WHERE generic_plans > 0")) {
            while (rs.next()) {
                statements.add(rs.getString(1));
            }
        }
        return statements;
    }

    @Override
    public void close() throws SQLException {
        real.close();
    }
}
