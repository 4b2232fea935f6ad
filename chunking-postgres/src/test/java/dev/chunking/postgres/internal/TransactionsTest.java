package dev.chunking.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failures count as a lost connection, and how {@link Transactions} runs a unit again after
 * one: with doubling waits capped at the longest, on a fresh connection, rolled back each time,
 * at most {@code attempts} times; any other failure at once. Over a fake data source.
 */
class TransactionsTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    /** A data source whose connections record commit and rollback and accept everything else. */
    private final DataSource fake = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
            (p, m, a) -> {
                if (!m.getName().equals("getConnection")) {
                    throw new UnsupportedOperationException(m.getName());
                }
                connections.incrementAndGet();
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, ca) -> {
                    switch (cm.getName()) {
                        case "commit", "rollback", "close" -> calls.add(cm.getName());
                        default -> { }
                    }
                    return switch (cm.getName()) {
                        case "getAutoCommit", "isClosed" -> Boolean.FALSE;
                        default -> null;
                    };
                });
            });

    private Transactions transactions(int attempts, long firstMillis, long maxMillis) {
        return new Transactions(fake, attempts, Duration.ofMillis(firstMillis), Duration.ofMillis(maxMillis), sleeps::add);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08004", "08006", "08P01", "57P01", "57P02", "57P03"})
    void countsConnectionExceptionsAndServerShutdownsAsALostConnection(String state) {
        assertThat(Transactions.connectionLost(new SQLException("lost", state))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "40001", "40P01", "42P01", "57014", "57P04", "53300", "XX000"})
    void doesNotCountAStatementsOwnFailureAsALostConnection(String state) {
        assertThat(Transactions.connectionLost(new SQLException("failed", state))).isFalse();
    }

    @Test
    void countsAFailureCausedByAnIoExceptionAtAnyDepthAsALostConnectionWhateverItsState() {
        assertThat(Transactions.connectionLost(new SQLException("io", (String) null, new EOFException()))).isTrue();
        assertThat(Transactions.connectionLost(new SQLException("io", "XX000",
                new RuntimeException(new IllegalStateException(new SocketException("reset")))))).isTrue();
        assertThat(Transactions.connectionLost(new SQLException("no state, no cause"))).isFalse();
        assertThat(Transactions.connectionLost(new SQLException("other", (String) null, new IllegalStateException()))).isFalse();
    }

    @Test
    void doublesTheWaitAfterEachLostAttemptUpToTheLongestAndGivesUpAfterExactlyItsAttempts() {
        SQLException lost = new SQLException("connection refused", "08001");
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> transactions(6, 100, 300).run("writing 7 chunks", c -> {
            runs.incrementAndGet();
            throw lost;
        })).isSameAs(lost);
        assertThat(runs).hasValue(6);
        assertThat(connections).hasValue(6);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(300), Duration.ofMillis(300));
        assertThat(lost.getSuppressed()).extracting(Throwable::getMessage).contains("gave up writing 7 chunks after 6 attempts");
        assertThat(calls).doesNotContain("commit").filteredOn("rollback"::equals).hasSize(6);
    }

    @Test
    void aLongestWaitBelowTheFirstCapsEveryWaitAtTheLongest() throws SQLException {
        AtomicInteger runs = new AtomicInteger();
        String result = transactions(4, 100, 100).run("saving", c -> {
            if (runs.incrementAndGet() < 4) {
                throw new SQLException("terminating connection due to administrator command", "57P01");
            }
            return "saved";
        });
        assertThat(result).isEqualTo("saved");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void runsAUnitAgainOnAFreshConnectionAfterALostOneAndCommitsItOnce() throws SQLException {
        AtomicInteger runs = new AtomicInteger();
        long result = transactions(5, 100, 5000).run("writing", c -> {
            if (runs.incrementAndGet() <= 2) {
                throw new SQLException("copy failed", null, new IOException("broken pipe"));
            }
            return 42L;
        });
        assertThat(result).isEqualTo(42L);
        assertThat(connections).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(calls).containsExactly("rollback", "close", "rollback", "close", "commit", "close");
    }

    @Test
    void doesNotRunAgainAfterAStatementFailsOrWhenOnlyOneAttemptIsAllowed() {
        SQLException duplicate = new SQLException("duplicate key", "23505");
        assertThatThrownBy(() -> transactions(5, 100, 5000).run("writing", c -> {
            throw duplicate;
        })).isSameAs(duplicate);
        assertThat(duplicate.getSuppressed()).isEmpty();

        SQLException lost = new SQLException("lost", "08006");
        assertThatThrownBy(() -> transactions(1, 100, 5000).run("reading", c -> {
            throw lost;
        })).isSameAs(lost);
        assertThat(lost.getSuppressed()).isEmpty(); // one attempt was all it had: nothing was given up
        assertThat(connections).hasValue(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anInterruptedWaitStopsRetryingAndKeepsTheInterrupt() {
        SQLException lost = new SQLException("lost", "08006");
        Transactions interrupted = new Transactions(fake, 5, Duration.ofMillis(100), Duration.ofSeconds(1), d -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> interrupted.run("writing", c -> {
                throw lost;
            })).isSameAs(lost);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(connections).hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }
}
