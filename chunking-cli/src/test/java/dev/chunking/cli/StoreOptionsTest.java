package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store options and the health command refuse bad usage, and an unreachable server, with one line and no stack trace. */
class StoreOptionsTest extends CommandTestSupport {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), System::nanoTime, false).run(args);
    }

    private void assertOneLine(String expected) {
        assertThat(err()).endsWith("\n").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).contains(expected);
        assertThat(out()).isEmpty();
    }

    @Test
    void refusesAUrlThatIsNotPostgresAsBadUsage() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("--store", "jdbc:mysql://db/x?password=secret", "--collection", "c", f.toString())).isEqualTo(2);
        assertOneLine("chunk: --store jdbc:mysql://db/x?... is not a PostgreSQL JDBC URL");
        assertThat(err()).doesNotContain("secret");
    }

    @Test
    void refusesAStoreOptionTakenAsAnotherOptionsValueAsBadUsage() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("--collection", "--store", URL, f.toString())).isEqualTo(2);
        assertOneLine("--store needs a value");
    }

    @Test
    void refusesTheStoreWithoutACollection() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("--store", URL, f.toString())).isEqualTo(2);
        assertOneLine("--store needs --collection ID");
    }

    @Test
    void refusesACollectionWithoutTheStore() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("--collection", "c", f.toString())).isEqualTo(2);
        assertOneLine("--collection needs --store URL");
    }

    @Test
    void refusesOutAndFormatWithTheStore() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("--store", URL, "--collection", "c", "--out", dir.resolve("o").toString(), f.toString())).isEqualTo(2);
        assertOneLine("--out does not apply with --store");
    }

    @Test
    void refusesACheckpointIntervalWithoutCheckpoint() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("--store", URL, "--collection", "c", "--checkpoint-every", "5", f.toString())).isEqualTo(2);
        assertOneLine("--checkpoint-every needs --checkpoint");
    }

    @Test
    void refusesToCheckpointStandardInputBeforeConnecting() {
        assertThat(run("--store", "jdbc:postgresql://127.0.0.1:1/none", "--collection", "c", "--checkpoint", "-")).isEqualTo(2);
        assertOneLine("--checkpoint cannot resume standard input");
    }

    @Test
    void refusesTheStoreForPreview() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("preview", "--store", URL, "--collection", "c", f.toString())).isEqualTo(2);
        assertOneLine("--store does not apply to 'preview'");
    }

    @Test
    void reportsARefusedConnectionAsARuntimeFailureOnOneLine() throws IOException {
        Path f = file("a.txt", "text");
        assertThat(run("--store", "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=secret", "--collection", "c",
                f.toString())).isEqualTo(1);
        assertOneLine("chunk: cannot connect to jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***");
        assertThat(err()).doesNotContain("secret");
    }

    @Test
    void refusesHealthWithoutTheStore() {
        assertThat(run("health")).isEqualTo(2);
        assertOneLine("'chunk health' needs --store URL");
    }

    @Test
    void refusesHealthOfAUrlThatIsNotPostgres() {
        assertThat(run("health", "--store", "postgres://127.0.0.1/test")).isEqualTo(2);
        assertOneLine("is not a PostgreSQL JDBC URL");
    }

    @Test
    void reportsHealthOfARefusedConnectionOnOneLine() {
        assertThat(run("health", "--store", "jdbc:postgresql://127.0.0.1:1/test")).isEqualTo(1);
        assertOneLine("chunk: cannot connect to jdbc:postgresql://127.0.0.1:1/test");
    }

    @Test
    void listsTheStoreOptionsInTheHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("chunk --store URL --collection ID", "chunk health --store URL", "--checkpoint-every N");
    }
}
