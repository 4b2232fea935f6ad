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
 * {@code CHUNK_CLASSPATH} entry that does not exist, with a plugin jar whose
 * {@code META-INF/services} names a class it does not hold, with its class-data archive, and with
 * {@code JAVA_OPTS} next to the JVM flags it sets. Runs on the {@code target/chunk.jar}
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

    @Test
    void createsTheClassDataArchiveNextToTheJarOnTheFirstRunWithoutAWordOnStdoutOrStderr() throws Exception {
        Path archive = Path.of("target", "chunk.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        Files.deleteIfExists(Path.of(archive + ".key"));
        Files.writeString(dir.resolve("a.txt"), "Some text to chunk.");

        Run first = run(CHUNK, Map.of(), "--format", "offsets", "a.txt");
        Run second = run(CHUNK, Map.of(), "--format", "offsets", "a.txt");

        assertThat(archive).isRegularFile();
        assertThat(Path.of(archive + ".key")).isRegularFile();
        for (Run run : List.of(first, second)) {
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo("0\t0\t19\t0\t19\t19\n");
            assertThat(run.status()).isZero();
        }
    }

    @Test
    void javaOptsReplacesTheDefaultCollectorAndHeapInsteadOfClashingWithThem() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Some text to chunk.");

        Run g1 = run(CHUNK, Map.of("JAVA_OPTS", "-XX:+UseG1GC -Xmx32m"), "--format", "offsets", "a.txt");
        Run printed = run(CHUNK, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx48m"), "--format", "offsets", "a.txt");

        assertThat(g1.err()).isEmpty();
        assertThat(g1.out()).isEqualTo("0\t0\t19\t0\t19\t19\n");
        assertThat(g1.status()).isZero();
        assertThat(printed.out()).contains("-XX:+UseSerialGC").contains("-XX:MaxHeapSize=50331648").doesNotContain("-XX:InitialHeapSize=8388608");
        assertThat(printed.status()).isZero();
    }

    @Test
    void aSmallFileRunsWithTheFirstCompilerOnlyAndStandardInputWithBothCompilingInTheForegroundForStructuredStrategies() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Some text to chunk.");
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags");

        Run file = run(CHUNK, flags, "--format", "stats", "a.txt");
        Run stdin = run(CHUNK, flags, "--format", "stats", "-");
        Run structured = run(CHUNK, flags, "--strategy", "markdown", "--format", "stats", "-");

        assertThat(file.out()).contains("-XX:TieredStopAtLevel=1").contains("-XX:MaxHeapSize=67108864 ")
                .contains("-XX:InitialHeapSize=8388608 ").contains("-XX:+UseSerialGC");
        assertThat(stdin.out()).doesNotContain("TieredStopAtLevel").doesNotContain("BackgroundCompilation")
                .contains("-XX:MaxHeapSize=67108864 ").contains("-XX:+UseSerialGC");
        assertThat(structured.out()).doesNotContain("TieredStopAtLevel").contains("-XX:-BackgroundCompilation");
        assertThat(file.status()).isZero();
        assertThat(stdin.status()).isZero();
        assertThat(structured.status()).isZero();
    }

    @Test
    void aRunThatNeedsMoreHeapThanGivenIsOneLineTellingToRaiseItWithExitTwo() throws Exception {
        byte[] line = "Lorem\u00e9\u6f22\u5b57ipsum".repeat(1 << 19).getBytes(StandardCharsets.UTF_8); // 12 MB, no break
        Files.write(dir.resolve("line.txt"), line);

        Run run = run(CHUNK, Map.of("JAVA_OPTS", "-Xmx16m"), "--format", "stats", "--size", "16777216", "line.txt");

        assertThat(run.err().lines()).singleElement().asString().startsWith("chunk: out of memory: these options need more than the Java heap of ")
                .endsWith("; raise it, e.g. JAVA_OPTS=-Xmx256m");
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isEqualTo(2);
    }
}
