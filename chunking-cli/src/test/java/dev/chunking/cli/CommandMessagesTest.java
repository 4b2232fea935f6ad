package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.spi.ChunkingStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The messages of the first hour: a binary file, a directory, a mistyped option or strategy, a
 * broken plugin jar. Each is one line on stderr; a user error exits 2, a broken plugin is a
 * warning and every command still runs without it.
 */
class CommandMessagesTest extends CommandTestSupport {
    private static final String BINARY_FIX = ", not like text; chunk text files, or give --on-malformed replace to chunk it anyway";

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), () -> 0L, false).run(args);
    }

    private Path bytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void refusesAFileWithANulByteAsLookingBinaryInEveryCommand() throws IOException {
        Path image = bytes("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'});
        String line = "chunk: " + image + " looks binary (a NUL byte at byte offset 8)" + BINARY_FIX;

        assertThat(run(image.toString())).isEqualTo(2);
        assertThat(run("preview", image.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive", image.toString())).isEqualTo(2);

        assertThat(err().lines()).containsExactly(line, line, line);
        assertThat(out()).isEmpty();
    }

    @Test
    void refusesAFileMostlyOfBytesThatAreNotUtf8AsLookingBinaryNotAsTextToConvert() throws IOException {
        byte[] compressed = new byte[200];
        for (int i = 0; i < compressed.length; i++) {
            compressed[i] = (byte) (i % 2 == 0 ? 0xFF : 'a' + i % 26); // no NUL, and not UTF-8 one byte in two
        }
        Path pdf = bytes("paper.pdf", compressed);

        assertThat(run(pdf.toString())).isEqualTo(2);

        assertThat(err()).isEqualTo("chunk: " + pdf + " looks binary (100 of its first 200 bytes are control characters or"
                + " not UTF-8)" + BINARY_FIX + "\n");
    }

    @Test
    void stillCallsTextWithAFewBytesInAnotherEncodingMalformedUtf8() throws IOException {
        Path latin1 = bytes("notes.txt", "caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(run(latin1.toString())).isEqualTo(2);

        assertThat(err()).startsWith("chunk: " + latin1 + ": malformed UTF-8 at byte offset 3").endsWith("convert it to UTF-8\n");
    }

    @Test
    void chunksABinaryLookingFileWhenAskedToReplaceWhatIsNotText() throws IOException {
        Path withNul = bytes("nul.txt", "a\u0000b".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(run("--on-malformed", "replace", withNul.toString())).isZero();

        assertThat(out()).contains("\"text\": \"a\\u0000b\"");
        assertThat(err()).isEmpty();
    }

    @Test
    void refusesADirectoryGivenAsInputOutputOrCheckpointNamingIt() throws IOException {
        Path input = file("in.txt", "some text");
        Path sub = Files.createDirectory(dir.resolve("results"));

        assertThat(run(sub.toString())).isEqualTo(2);
        assertThat(run("--out", sub.toString(), input.toString())).isEqualTo(2);
        assertThat(run("--checkpoint", sub.toString(), "--out", dir.resolve("o.jsonl").toString(), input.toString())).isEqualTo(2);

        assertThat(err().lines()).containsExactly(
                "chunk: cannot read " + sub + ": it is a directory; name the files in it",
                "chunk: cannot write --out " + sub + ": it is a directory; give a file, e.g. --out " + sub + "/chunks.jsonl",
                "chunk: cannot use --checkpoint " + sub + ": it is a directory; give a file, e.g. --checkpoint " + sub
                        + "/run.checkpoint");
        assertThat(Files.exists(dir.resolve("o.jsonl"))).isFalse();
    }

    @Test
    void suggestsTheOptionOrStrategyAMistypedNameWasMeantToBe() throws IOException {
        Path input = file("in.txt", "some text");

        assertThat(run("--sise", "100", input.toString())).isEqualTo(2);
        assertThat(run("--stratgy", "markdown", input.toString())).isEqualTo(2);
        assertThat(run("--strategy", "hierarchical", "--levles", "100,10", input.toString())).isEqualTo(2);
        assertThat(run("--strategy", "recursve", input.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive,markdwon", input.toString())).isEqualTo(2);
        assertThat(run("--frobnicate", input.toString())).isEqualTo(2);

        assertThat(err().lines()).containsExactly(
                "chunk: unknown option --sise; did you mean --size?",
                "chunk: unknown option --stratgy; did you mean --strategy?",
                "chunk: unknown option --levles; did you mean --levels?",
                "chunk: unknown strategy 'recursve'; known: character, hierarchical, hybrid, markdown, recursive, semantic;"
                        + " did you mean 'recursive'?",
                "chunk: unknown strategy 'markdwon'; known: character, hierarchical, hybrid, markdown, recursive, semantic;"
                        + " did you mean 'markdown'?",
                "chunk: unknown option --frobnicate; see chunk --help");
    }

    @Test
    void warnsInOneLineAboutABrokenPluginAndStillPrintsHelpAndListsAndChunks() throws Exception {
        Path plugin = dir.resolve("broken-plugin");
        Path services = plugin.resolve("META-INF/services/" + ChunkingStrategy.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "org.example.MissingStrategy\n");
        Path input = file("in.txt", "some text");
        String warning = "chunk: warning: cannot load ChunkingStrategy provider org.example.MissingStrategy registered by " + plugin
                + ": class not found; fix or remove that jar (e.g. from CHUNK_CLASSPATH)";
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()}, getClass().getClassLoader())) {
            for (List<String> args : List.of(List.of("--help"), List.of("strategies"), List.of(input.toString()))) {
                out.reset();
                err.reset();
                Main main = new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), () -> 0L, false,
                        () -> Main.registry(loader, stderr()));

                assertThat(main.run(args.toArray(String[]::new))).as("%s", args).isZero();

                assertThat(err().lines()).as("%s", args).containsExactly(warning);
                assertThat(out()).as("%s", args).isNotEmpty();
            }
        }
        assertThat(Arrays.asList(out().split("\n"))).allSatisfy(line -> assertThat(line).startsWith("{\"document\""));
    }

    @Test
    void aRunOutOfHeapIsOneLineNamingTheHeapAndALargerJavaOptsWithExitTwo() {
        Main main = new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), () -> 0L, false, () -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertThat(main.run("big.txt")).isEqualTo(2);

        assertThat(err().lines()).containsExactly(Main.outOfMemory(Runtime.getRuntime().maxMemory()));
        assertThat(out()).isEmpty();
    }

    @Test
    void theOutOfMemoryLineSuggestsAtLeastFourTimesTheHeapAnd256Megabytes() {
        assertThat(Main.outOfMemory(64L << 20)).isEqualTo("chunk: out of memory: these options need more than the Java heap"
                + " of 64 MB (a large --size, --levels or --batch-size holds that much text at once); raise it, e.g. JAVA_OPTS=-Xmx256m");
        assertThat(Main.outOfMemory(62L << 20)).endsWith("heap of 62 MB (a large --size, --levels or --batch-size holds that much"
                + " text at once); raise it, e.g. JAVA_OPTS=-Xmx256m");
        assertThat(Main.outOfMemory(100L << 20)).endsWith("JAVA_OPTS=-Xmx512m");
        assertThat(Main.outOfMemory(1L << 30)).endsWith("heap of 1024 MB (a large --size, --levels or --batch-size holds that much"
                + " text at once); raise it, e.g. JAVA_OPTS=-Xmx4096m");
    }
}
