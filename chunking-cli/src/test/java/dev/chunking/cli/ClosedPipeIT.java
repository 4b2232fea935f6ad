package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/chunk big.txt | head -c 100} in a real shell: the command ends quietly with 141
 * (128 + SIGPIPE), which {@code set -o pipefail} makes the pipeline's status, and writes nothing
 * on standard error. Runs {@code bin/chunk} on the {@code target/chunk.jar} that {@code package}
 * built before the integration tests.
 */
class ClosedPipeIT {
    @TempDir
    Path dir;

    @Test
    void aPipelineWhoseReaderStopsEndsWith141AndNothingOnStandardError() throws Exception {
        Path chunk = Path.of("..", "bin", "chunk").toAbsolutePath().normalize();
        assertThat(chunk).isExecutable();
        assertThat(Path.of("target", "chunk.jar")).as("built by mvn package, before the integration tests").isRegularFile();
        Path big = dir.resolve("big.txt");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 200_000; i++) { // about 10 MB: far more output than a pipe holds
                w.write("Paragraph " + i + " of prose, caf\u00e9 \u65e5\u672c\u8a9e \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67.\n\n");
            }
        }
        Path err = dir.resolve("stderr.txt");
        Process shell = new ProcessBuilder(List.of("bash", "-c", "set -o pipefail; \"$0\" \"$1\" | head -c 100", chunk.toString(),
                big.toString())).redirectError(err.toFile()).start();
        shell.getOutputStream().close();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(err)).as("standard error").isEmpty();
        assertThat(shell.exitValue()).as("the pipeline's status").isEqualTo(141);
        assertThat(out).hasSize(100).startsWith("{");
    }
}
