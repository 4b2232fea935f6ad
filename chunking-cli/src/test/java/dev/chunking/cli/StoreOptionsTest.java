package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store options and the health command refuse bad usage, and an unreachable server, with one line and no stack trace. */
class StoreOptionsTest extends CommandTestSupport {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @Test
    void refusesAUrlThatIsNotPostgresAsBadUsage() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--store", "jdbc:mysql://db/x?password=secret", "--collection", "c", f.toString())).isEqualTo(2);
        assertOneErrorLine("chunk: --store jdbc:mysql://db/x?... is not a PostgreSQL JDBC URL");
        assertThat(err()).doesNotContain("secret");
    }

    @Test
    void refusesAStoreOptionTakenAsAnotherOptionsValueAsBadUsage() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--collection", "--store", URL, f.toString())).isEqualTo(2);
        assertOneErrorLine("--store needs a value");
    }

    @Test
    void refusesTheStoreWithoutACollection() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--store", URL, f.toString())).isEqualTo(2);
        assertOneErrorLine("--store needs --collection ID");
    }

    @Test
    void refusesACollectionWithoutTheStore() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--collection", "c", f.toString())).isEqualTo(2);
        assertOneErrorLine("--collection needs --store URL");
    }

    @Test
    void refusesOutAndFormatWithTheStore() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--store", URL, "--collection", "c", "--out", dir.resolve("o").toString(), f.toString())).isEqualTo(2);
        assertOneErrorLine("--out does not apply with --store");
    }

    @Test
    void refusesACheckpointIntervalWithoutCheckpoint() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--store", URL, "--collection", "c", "--checkpoint-every", "5", f.toString())).isEqualTo(2);
        assertOneErrorLine("--checkpoint-every needs --checkpoint");
    }

    @Test
    void refusesToCheckpointStandardInputBeforeConnecting() {
        assertThat(runCommand("--store", "jdbc:postgresql://127.0.0.1:1/none", "--collection", "c", "--checkpoint", "-")).isEqualTo(2);
        assertOneErrorLine("--checkpoint cannot resume standard input");
    }

    @Test
    void refusesTheStoreForPreview() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("preview", "--store", URL, "--collection", "c", f.toString())).isEqualTo(2);
        assertOneErrorLine("--store does not apply to 'preview'");
    }

    @Test
    void reportsARefusedConnectionAsARuntimeFailureOnOneLine() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(runCommand("--store", "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=secret", "--collection", "c",
                f.toString())).isEqualTo(1);
        assertOneErrorLine("chunk: cannot connect to jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***");
        assertThat(err()).doesNotContain("secret");
    }

    @Test
    void refusesHealthWithoutTheStore() {
        assertThat(runCommand("health")).isEqualTo(2);
        assertOneErrorLine("'chunk health' needs --store URL");
    }

    @Test
    void refusesHealthOfAUrlThatIsNotPostgres() {
        assertThat(runCommand("health", "--store", "postgres://127.0.0.1/test")).isEqualTo(2);
        assertOneErrorLine("is not a PostgreSQL JDBC URL");
    }

    @Test
    void reportsHealthOfARefusedConnectionOnOneLine() {
        assertThat(runCommand("health", "--store", "jdbc:postgresql://127.0.0.1:1/test")).isEqualTo(1);
        assertOneErrorLine("chunk: cannot connect to jdbc:postgresql://127.0.0.1:1/test");
    }

    @Test
    void listsTheStoreOptionsInTheHelp() {
        assertThat(runCommand("--help")).isZero();
        assertThat(out()).contains("chunk --store URL --collection ID", "chunk health --store URL", "--checkpoint-every N");
    }
}
