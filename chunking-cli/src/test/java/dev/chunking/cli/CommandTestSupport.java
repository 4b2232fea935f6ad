package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** What the in-process tests of the {@code chunk} command share: a temporary directory and captured output. */
abstract class CommandTestSupport {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Standard error as the command sees it. */
    PrintStream stderr() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Runs the command with empty standard input, capturing its output, and returns its exit status. */
    int runCommand(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), System::nanoTime, false).run(args);
    }

    /** Asserts the command wrote nothing to stdout and exactly one line, without a stack trace, to stderr. */
    void assertOneErrorLine(String expected) {
        assertThat(err()).endsWith("\n").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).contains(expected);
        assertThat(out()).isEmpty();
    }
}
