package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.spi.ChunkingStrategy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/chunk} as a user runs it: through a symbolic link in another directory, with a
 * {@code CHUNK_CLASSPATH} entry that does not exist, and with a plugin jar whose
 * {@code META-INF/services} names a class it does not hold. Runs on the {@code target/chunk.jar}
 * that {@code package} built before the integration tests.
 */
class ChunkScriptIT {
    private static final Path CHUNK = Path.of("..", "bin", "chunk").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) { }

    private Run run(Path script, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(script.toString());
        builder.command().addAll(List.of(args));
        builder.environment().remove("CHUNK_CLASSPATH");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(environment);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = builder.directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void runsThroughASymbolicLinkInAnotherDirectory() throws Exception {
        assertThat(Path.of("target", "chunk.jar")).as("built by mvn package, before the integration tests").isRegularFile();
        Path bin = Files.createDirectories(dir.resolve("my-bin"));
        Path link = Files.createSymbolicLink(bin.resolve("chunk"), CHUNK);
        Files.writeString(dir.resolve("a.txt"), "Some text to chunk.");

        Run run = run(link, Map.of(), "--format", "offsets", "a.txt");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("0\t0\t19\t0\t19\t19\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void warnsAboutAClassPathEntryThatDoesNotExistNamingItAndStillRuns() throws Exception {
        Path missing = dir.resolve("lines-strategy.jar");

        Run run = run(CHUNK, Map.of("CHUNK_CLASSPATH", missing + ":" + dir), "strategies");

        assertThat(run.err().lines()).containsExactly("chunk: warning: CHUNK_CLASSPATH entry " + missing
                + " does not exist (nothing is loaded from it); check the path");
        assertThat(run.out()).contains("recursive\t");
        assertThat(run.status()).isZero();
    }

    @Test
    void aBrokenPluginJarIsOneWarningLineNamingTheJarAndClassAndHelpStillPrints() throws Exception {
        Path jar = dir.resolve("broken-plugin.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + ChunkingStrategy.class.getName()));
            out.write("org.example.chunking.GoneStrategy\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        String warning = "chunk: warning: cannot load ChunkingStrategy provider org.example.chunking.GoneStrategy registered by "
                + jar + ": class not found; fix or remove that jar (e.g. from CHUNK_CLASSPATH)";

        Run help = run(CHUNK, Map.of("CHUNK_CLASSPATH", jar.toString()), "--help");
        Files.writeString(dir.resolve("a.txt"), "Some text to chunk.");
        Run chunk = run(CHUNK, Map.of("CHUNK_CLASSPATH", jar.toString()), "--format", "offsets", "a.txt");

        assertThat(help.err().lines()).containsExactly(warning);
        assertThat(help.out()).startsWith("Usage: chunk");
        assertThat(help.status()).isZero();
        assertThat(chunk.err().lines()).containsExactly(warning);
        assertThat(chunk.out()).isEqualTo("0\t0\t19\t0\t19\t19\n");
        assertThat(chunk.status()).isZero();
    }
}
