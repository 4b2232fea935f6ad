package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.StrategyRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code chunk preview}: the first chunks of a file, exactly as a full run writes them, from only its start. */
class PreviewCommandTest extends CommandTestSupport {
    /** A real Markdown file of 593 kB, far more than one read. */
    private static final Path REAL = Path.of("../chunking-core/src/test/resources/markdown/rust-releases.md");
    private static final Pattern PARTIAL = Pattern.compile("preview: (\\d+) chunks? from the first (\\d+) of (\\d+) bytes");

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), () -> 0L, false).run(args);
    }

    /** Runs the full {@code chunk} command and returns its lines, leaving the captured output empty. */
    private List<String> fullRun(String... args) {
        out.reset();
        err.reset();
        assertThat(run(args)).as("full run").isZero();
        List<String> lines = out().lines().toList();
        out.reset();
        return lines;
    }

    @Test
    void previewPrintsTheFirstChunksOfARealFile() throws IOException {
        List<String> full = fullRun("--strategy", "markdown", "--size", "400", REAL.toString());
        assertThat(full).hasSizeGreaterThan(100);

        assertThat(run("preview", "--chunks", "3", "--strategy", "markdown", "--size", "400", REAL.toString())).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(3).containsExactlyElementsOf(full.subList(0, 3));
        for (int i = 0; i < 3; i++) {
            Map<?, ?> chunk = (Map<?, ?>) StrictJson.parse(lines.get(i));
            Map<?, ?> expected = (Map<?, ?>) StrictJson.parse(full.get(i));
            assertThat(chunk.get("index")).isEqualTo((long) i);
            assertThat(chunk.get("text")).isEqualTo(expected.get("text")).asString().isNotEmpty();
        }
        Matcher summary = PARTIAL.matcher(err().strip());
        assertThat(err().lines()).hasSize(1);
        assertThat(summary.matches()).as(err()).isTrue();
        long bytesRead = Long.parseLong(summary.group(2));
        long lastEnd = (Long) ((Map<?, ?>) StrictJson.parse(lines.get(2))).get("byteEnd");
        assertThat(summary.group(1)).isEqualTo("3");
        assertThat(bytesRead).isGreaterThanOrEqualTo(lastEnd).isLessThan(Files.size(REAL));
        assertThat(summary.group(3)).isEqualTo(Long.toString(Files.size(REAL)));
    }

    @Test
    void previewPrintsTenChunksByDefault() {
        List<String> full = fullRun("--size", "200", REAL.toString());
        assertThat(run("preview", "--size", "200", REAL.toString())).isZero();
        assertThat(out().lines().toList()).containsExactlyElementsOf(full.subList(0, 10));
        assertThat(err()).startsWith("preview: 10 chunks from the first ");
    }

    @Test
    void previewStopsAtTheByteLimitWithTheChunksThatAreFinalWithinIt() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("Sentence number ").append(i).append(" is here. ");
        }
        Path f = file("long.txt", text.toString());
        List<String> full = fullRun("--size", "100", "--overlap", "0", "--format", "offsets", f.toString());

        assertThat(run("preview", "--bytes", "1000", "--chunks", "1000", "--size", "100", "--overlap", "0", "--format", "offsets",
                f.toString())).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).isNotEmpty().hasSizeLessThan(20); // 1000 bytes of sentences of 30: chunks of about 80 bytes
        assertThat(full).hasSizeGreaterThan(1000);
        assertThat(lines).containsExactlyElementsOf(full.subList(0, lines.size()));
        for (String line : lines) {
            assertThat(Long.parseLong(line.split("\t")[4])).as("byteEnd of " + line).isLessThanOrEqualTo(1000);
        }
        assertThat(err()).isEqualTo("preview: " + lines.size() + " chunks from the first 1000 of " + Files.size(f) + " bytes\n");
    }

    @Test
    void previewOfASmallFileSaysItReadTheWholeDocument() throws IOException {
        Path f = file("small.md", "# Title\n\nOne paragraph.\n\n## Part\n\nAnother paragraph.\n");
        List<String> full = fullRun("--strategy", "markdown", "--size", "20", f.toString());
        assertThat(full).hasSizeGreaterThan(1);

        assertThat(run("preview", "--strategy", "markdown", "--size", "20", f.toString())).isZero();
        assertThat(out().lines().toList()).containsExactlyElementsOf(full);
        assertThat(err()).isEqualTo("preview: " + full.size() + " chunks from the whole document (" + Files.size(f) + " bytes)\n");
    }

    @Test
    void previewWritesTheStatsFormatOverTheChunksItShows() throws IOException {
        Path f = file("s.txt", "abcdefghij".repeat(10));
        assertThat(run("preview", "--chunks", "2", "--strategy", "character", "--size", "10", "--overlap", "0", "--format", "stats",
                f.toString())).isZero();
        assertThat(out()).isEqualTo(f + "\tchunks 2\tsize min 10 mean 10.0 max 10 chars\tbytes 100\t0.0 MB/s\n");
        assertThat(err()).isEqualTo("preview: 2 chunks from the whole document (100 bytes)\n");
    }

    @Test
    void previewRefusesBadUsageWithExitTwoAndOneLine() throws IOException {
        Path f = file("a.txt", "text");
        Path missing = dir.resolve("missing.txt");
        assertThat(run("preview", missing.toString())).isEqualTo(2);
        assertThat(run("preview", "--chunks", "0", f.toString())).isEqualTo(2);
        assertThat(run("preview", "--chunks", "many", f.toString())).isEqualTo(2);
        assertThat(run("preview", "--bytes", "0", f.toString())).isEqualTo(2);
        assertThat(run("preview")).isEqualTo(2);
        assertThat(run("preview", f.toString(), f.toString())).isEqualTo(2);
        assertThat(run("preview", "-")).isEqualTo(2);
        assertThat(run("preview", "--out", dir.resolve("o").toString(), f.toString())).isEqualTo(2);
        assertThat(run("preview", "--strategies", "recursive", f.toString())).isEqualTo(2);
        assertThat(run("preview", "--levels", "100,10", f.toString())).isEqualTo(2);
        assertThat(run("preview", dir.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: cannot read " + missing + ": no such file; check the path",
                "chunk: --chunks 0 must be at least 1; give e.g. --chunks 10",
                "chunk: --chunks many is not a whole number; give e.g. --chunks 10",
                "chunk: --bytes 0 must be at least 1; give e.g. --bytes 65536",
                "chunk: no input file given; name the file to preview (see chunk --help)",
                "chunk: preview reads one file, got 2 (" + f + " " + f + "); name one",
                "chunk: preview reads a file, not standard input (-); save the input to a file and name it",
                "chunk: --out does not apply to 'chunk preview'; remove it (it is for 'chunk FILE...')",
                "chunk: --strategies does not apply to 'chunk preview'; remove it (it is for 'chunk compare')",
                "chunk: strategy 'recursive' has no parameter 'levels'; it reads none; remove the setting or pick another strategy",
                "chunk: cannot read " + dir + ": it is a directory; name the files in it");
        assertThat(out()).isEmpty();
    }

    @Test
    void previewRefusesMalformedInputNamingTheFileAndOffset() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', (byte) 0xC3, '!'});
        assertThat(run("preview", bad.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("chunk: " + bad + ": malformed UTF-8 at byte offset 2: sequence cut short by a"
                + " non-continuation byte (bytes C3 21); fix the input encoding or convert it to UTF-8\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void theNewOptionsAreRefusedByThePlainChunkCommandAndAFileNamedPreviewIsChunkedAfterDashDash() throws IOException {
        Path f = file("b.txt", "hello");
        assertThat(run("--chunks", "3", f.toString())).isEqualTo(2);
        assertThat(run("--bytes", "3", f.toString())).isEqualTo(2);
        assertThat(run("--", "preview")).isEqualTo(2); // a file named preview: read as a file, not run as the command
        assertThat(run("preview")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: --chunks does not apply to 'chunk FILE...'; remove it (it is for 'chunk preview')",
                "chunk: --bytes does not apply to 'chunk FILE...'; remove it (it is for 'chunk compare' and 'chunk preview')",
                "chunk: cannot read preview: no such file; check the path",
                "chunk: no input file given; name the file to preview (see chunk --help)");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpDocumentsPreviewAndCompare() {
        assertThat(run("preview", "--help")).isZero();
        assertThat(out()).contains("chunk preview [OPTIONS] FILE", "chunk compare --strategies LIST [OPTIONS] FILE",
                "--chunks N", "--bytes N", "--strategies LIST");
        assertThat(Arguments.usage(StrategyRegistry.load().strategies()).lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(110));
    }
}
