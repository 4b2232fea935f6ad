package dev.chunking.embeddings.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.cli.Main;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.RealDocuments;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chunk --strategy semantic|hybrid --embedder minilm FILE} works: in process with this
 * module on the class path, and as {@code bin/chunk} runs it, in a JVM with bin/chunk's memory
 * flags (64 MiB heap) on the CLI's {@code chunk.jar} plus this module's plugin jar, as
 * {@code CHUNK_CLASSPATH} adds it. The offsets printed are those of the library's own chunks.
 */
class EmbedderOnTheCommandLineIT {
    private static final String DOCUMENT = "prose/nodejs-esm.md";

    @TempDir
    Path dir;

    private Path file() throws IOException {
        Path file = dir.resolve("esm.md");
        Files.write(file, RealDocuments.read(DOCUMENT));
        return file;
    }

    /** The offsets format of the CLI for the library's chunks: index, start, end, byteStart, byteEnd, size. */
    private static List<String> expectedOffsets(String strategy, String text) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(800).overlap(160).minSize(200)
                .parameter("embedder", "minilm").build();
        List<Chunk> chunks = Chunking.of(StrategyRegistry.load(), strategy, options).chunk(DocumentId.of("esm.md"), text);
        List<String> lines = new ArrayList<>();
        for (Chunk c : chunks) {
            lines.add(c.index() + "\t" + c.start() + "\t" + c.end() + "\t" + c.byteStart() + "\t" + c.byteEnd() + "\t" + c.size());
        }
        return lines;
    }

    private static List<String> arguments(String strategy, Path file) {
        return List.of("--strategy", strategy, "--embedder", "minilm", "--size", "800", "--overlap", "160", "--min-size", "200",
                "--format", "offsets", file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"semantic", "hybrid"})
    void theCommandChunksWithTheEmbedderFoundOnItsClassPath(String strategy) throws IOException {
        Path file = file();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(InputStream.nullInputStream(), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                System::nanoTime, false).run(arguments(strategy, file).toArray(String[]::new));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        String text = Files.readString(file);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(expectedOffsets(strategy, text));
    }

    private static Process chunkCommand(List<String> jvmOptions, List<String> arguments) throws IOException {
        Path chunkJar = Path.of(System.getProperty("chunk.jar"));
        Path pluginJar = Path.of(System.getProperty("plugin.jar"));
        assertThat(chunkJar).as("the CLI's jar, built by chunking-cli's package phase").isRegularFile();
        assertThat(pluginJar).as("this module's plugin jar, built by its package phase").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms8m", "-Xmx64m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=64m", "-XX:ReservedCodeCacheSize=32m",
                "-XX:CICompilerCount=2"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", chunkJar + File.pathSeparator + pluginJar, "dev.chunking.cli.Main"));
        command.addAll(arguments);
        return new ProcessBuilder(command).start();
    }

    /** The process ends without a word on stderr, with status 0, having printed the offsets of the library's own chunks. */
    private static void assertPrintsTheLibrarysSemanticChunks(Process process, Path file) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(err).isEmpty();
        assertThat(process.exitValue()).isZero();
        assertThat(out.lines().toList()).isEqualTo(expectedOffsets("semantic", Files.readString(file)));
    }

    @Test
    void bin_chunksJvmWithThePluginJarChunksWithMinilmInA64MiBHeap() throws Exception {
        Path file = file();
        Process process = chunkCommand(List.of(), arguments("semantic", file));
        assertPrintsTheLibrarysSemanticChunks(process, file);
    }

    @Test
    void binChunkAddsThePluginJarItselfWhenTheCommandAsksForMinilm() throws Exception {
        // the script of the repository, as a user runs it: no CHUNK_CLASSPATH, the plugin jar in this module's target
        Path script = Path.of("..", "bin", "chunk").toAbsolutePath().normalize();
        Path file = file();
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(arguments("semantic", file));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CHUNK_CLASSPATH");
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        assertPrintsTheLibrarysSemanticChunks(process, file);
    }

    @Test
    void aThreadCountOutOfRangeIsReportedNamingTheProperty() throws Exception {
        Process process = chunkCommand(List.of("-Dchunking.minilm.threads=0"), arguments("semantic", file()));
        process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(err).contains("minilm embedder: threads 0 is outside 1..64; choose a value in that range (default 1;"
                + " as a system property: chunking.minilm.threads)");
        assertThat(process.exitValue()).isEqualTo(2);
    }
}
