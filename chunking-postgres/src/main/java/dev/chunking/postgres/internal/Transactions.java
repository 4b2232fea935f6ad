package dev.chunking.postgres.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work in one transaction each, on a connection borrowed from a {@link DataSource}
 * for that unit only, and runs a unit again when the connection was lost: the failed transaction
 * rolled back whole on the server, so running it again from the start never writes half of it.
 * Other failures are not retried. Backs off exponentially between attempts, up to a bound.
 * Immutable and thread-safe.
 */
public final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /** A unit of work on a connection in a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work; the caller commits afterwards.
         *
         * @param connection the connection, auto-commit off
         * @return the result
         * @throws SQLException if a statement fails
         */
        T run(Connection connection) throws SQLException;
    }

    /** How the thread waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param duration how long
         * @throws InterruptedException if interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final DataSource dataSource;
    private final int attempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    /**
     * @param dataSource where connections come from
     * @param attempts how many times a unit runs at most, 1 or more
     * @param firstBackoff the wait after the first failed attempt; each further wait doubles it
     * @param maxBackoff the longest wait
     * @param sleeper how to wait
     */
    public Transactions(DataSource dataSource, int attempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
        this.dataSource = dataSource;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
    }

    /**
     * Runs a unit of work in a transaction, again after a lost connection.
     *
     * @param what what the unit does, for messages ("writing 1000 chunks of ...")
     * @param work the unit
     * @param <T> its result
     * @return its result
     * @throws SQLException the unit's failure, or the last lost connection once the attempts are spent
     *     (its message then says how many attempts were made)
     */
    public <T> T run(String what, Work<T> work) throws SQLException {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (!connectionLost(e) || attempt >= attempts) {
                    if (connectionLost(e) && attempts > 1) {
                        e.addSuppressed(new SQLException("gave up " + what + " after " + attempt + " attempts"));
                    }
                    throw e;
                }
                LOG.warn("{}: the connection was lost ({}); attempt {} of {} in {} ms", what, e.getMessage(), attempt + 1,
                        attempts, backoff.toMillis());
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit);
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) { // a lost connection rolls back on the server anyway
            failure.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) { // the pool discards a broken connection
            LOG.debug("cannot restore auto-commit on a connection", e);
        }
    }

    /**
     * Tells whether a failure means the connection was lost (so the transaction rolled back and
     * can be run again), not that a statement failed.
     *
     * @param e the failure
     * @return true for SQL state class 08 (connection exception), 57P01–57P03 (server shutting
     *     down or not yet up) and failures caused by an {@link IOException}
     */
    public static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
