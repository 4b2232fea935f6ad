package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyComparison;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.ChunkingStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code chunk compare}: one table row per strategy, each run on the same sample of the file's start. */
class CompareCommandTest extends CommandTestSupport {
    /** A real Markdown file of 593 kB, with astral code points. */
    private static final Path REAL = Path.of("../chunking-core/src/test/resources/markdown/rust-releases.md");
    private static final String HEADER = "| strategy  | chunks | min |  mean | p50 | p95 | max | boundary % | under min % |";

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), () -> 0L, false).run(args);
    }

    /** The cells of each table row after the header and its rule. */
    private List<String[]> rows() {
        List<String> lines = out().lines().toList();
        assertThat(lines.get(1)).matches("\\| :-+ (\\| -+: )+\\|");
        return lines.subList(2, lines.size()).stream()
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toArray(String[]::new))
                .toList();
    }

    /** The chunks a strategy makes of the sample when run directly, without the command. */
    private static List<Chunk> direct(String strategy, ChunkingOptions options, byte[] sample) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        Chunking.of(strategy, options).chunk(DocumentId.of("sample"), new ByteArrayInputStream(sample), chunks::add);
        return chunks;
    }

    private static byte[] firstBytes(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    @Test
    void comparePrintsOneRowPerStrategyWithTheChunkCountsOfEachStrategyOnTheSample() throws IOException {
        assertThat(run("compare", "--strategies", "recursive,markdown,semantic,hierarchical", "--size", "300", "--bytes", "20000",
                REAL.toString())).isZero();
        List<String[]> rows = rows();
        assertThat(rows).extracting(cells -> cells[0]).containsExactly("recursive", "markdown", "semantic", "hierarchical");

        byte[] sample = firstBytes(REAL, 20000);
        assertThat(new String(sample, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).as("a whole-character cut").isEqualTo(sample);
        ChunkingOptions shared = ChunkingOptions.builder().maxSize(300).overlap(60).build();
        ChunkingOptions hierarchical = ChunkingOptions.builder().maxSize(2048).overlap(0).build(); // its defaults: no --size
        List<List<Chunk>> expected = List.of(direct("recursive", shared, sample), direct("markdown", shared, sample),
                direct("semantic", shared, sample), direct("hierarchical", hierarchical, sample));
        for (int i = 0; i < rows.size(); i++) {
            List<Chunk> chunks = expected.get(i);
            String[] cells = rows.get(i);
            assertThat(chunks).as(cells[0]).isNotEmpty();
            assertThat(Integer.parseInt(cells[1])).as(cells[0] + " chunks").isEqualTo(chunks.size());
            assertThat(Long.parseLong(cells[2])).as(cells[0] + " min").isEqualTo(chunks.stream().mapToLong(Chunk::size).min().orElseThrow());
            assertThat(Long.parseLong(cells[6])).as(cells[0] + " max").isEqualTo(chunks.stream().mapToLong(Chunk::size).max().orElseThrow());
        }
        assertThat(Long.parseLong(rows.get(0)[6])).isLessThanOrEqualTo(300);
        assertThat(Long.parseLong(rows.get(3)[6])).as("hierarchical ignores --size").isGreaterThan(300);
        assertThat(err()).isEqualTo("compare: 4 strategies on the first 20000 of " + Files.size(REAL) + " bytes, sizes in chars\n");
    }

    @Test
    void compareLinesUpTheColumnsOfAMarkdownTable() throws IOException {
        Path f = file("t.md", "# Title\n\nOne sentence. Two sentences.\n\n## Part\n\nMore text here.\n".repeat(30));
        assertThat(run("compare", "--strategies", "recursive,markdown", f.toString())).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("| strategy  | chunks |").endsWith("| boundary % | under min % |  ms |");
        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
        assertThat(lines.get(2)).matches("\\| recursive \\| +\\d+ \\| +\\d+ \\| +\\d+\\.\\d \\|( +\\d+ \\|){3}( +\\d+\\.\\d \\|){3}");
        assertThat(err()).isEqualTo("compare: 2 strategies on the whole document (" + Files.size(f) + " bytes), sizes in chars\n");
    }

    @Test
    void compareFormatsMeansPercentagesAndMillisecondsWithOneDecimal() {
        ChunkingOptions options = ChunkingOptions.defaults();
        String table = CompareCommand.table(List.of(
                new StrategyComparison.Row("recursive", options, 12, 3, 250.26, 260, 298, 300, 0.5, 1.0 / 3, Duration.ofNanos(12_345_000)),
                new StrategyComparison.Row("semantic", options, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ofNanos(40_000))));
        assertThat(table).isEqualTo(""
                + "| strategy  | chunks | min |  mean | p50 | p95 | max | boundary % | under min % |   ms |\n"
                + "| :-------- | -----: | --: | ----: | --: | --: | --: | ---------: | ----------: | ---: |\n"
                + "| recursive |     12 |   3 | 250.3 | 260 | 298 | 300 |       50.0 |        33.3 | 12.3 |\n"
                + "| semantic  |      0 |   0 |   0.0 |   0 |   0 |   0 |        0.0 |         0.0 |  0.0 |\n");
        assertThat(table).startsWith(HEADER);
    }

    @Test
    void compareCutsTheSampleBackToAWholeUtf8Character() throws IOException {
        Path f = file("e.txt", "\u00e9".repeat(100)); // 200 bytes, 2 per character
        assertThat(run("compare", "--strategies", "character", "--size", "10", "--overlap", "0", "--bytes", "51", f.toString())).isZero();
        assertThat(rows()).singleElement().satisfies(cells -> assertThat(cells[1]).isEqualTo("3")); // 25 characters: 10, 10, 5
        assertThat(err()).isEqualTo("compare: 1 strategy on the first 50 of 200 bytes, sizes in chars\n");
        assertThat(CompareCommand.sample(f, 51, 200)).hasSize(50);
        assertThat(CompareCommand.sample(f, 1000, 200)).hasSize(200);
        byte[] astral = "ab\ud83d\ude00".getBytes(StandardCharsets.UTF_8); // a, b, then 4 bytes
        assertThat(CompareCommand.wholeCharacters(astral, 6)).isEqualTo(6);
        assertThat(CompareCommand.wholeCharacters(astral, 5)).isEqualTo(2);
        assertThat(CompareCommand.wholeCharacters(astral, 3)).isEqualTo(2);
        assertThat(CompareCommand.wholeCharacters(astral, 2)).isEqualTo(2);
        assertThat(CompareCommand.wholeCharacters(new byte[] {'a', (byte) 0x80, (byte) 0x80}, 3)).as("not UTF-8: left to report").isEqualTo(3);
    }

    @Test
    void compareGivesEachStrategyOnlyTheParametersItReads() throws IOException {
        Path f = file("p.txt", "Words and more words. ".repeat(200));
        assertThat(run("compare", "--strategies", "recursive,hierarchical", "--levels", "400,100", "--size", "300", f.toString())).isZero();
        List<String[]> rows = rows();
        byte[] sample = Files.readAllBytes(f);
        ChunkingOptions levels = ChunkingOptions.builder().maxSize(400).overlap(0).parameter("levels", "400,100").build();
        assertThat(rows.get(0)[1]).isEqualTo(Integer.toString(direct("recursive", ChunkingOptions.builder().maxSize(300).overlap(60)
                .build(), sample).size()));
        assertThat(rows.get(1)[1]).isEqualTo(Integer.toString(direct("hierarchical", levels, sample).size()));
        assertThat(Long.parseLong(rows.get(1)[6])).isLessThanOrEqualTo(400);
    }

    @Test
    void compareRejectsAnUnknownStrategyWithExitStatusTwo() throws IOException {
        Path f = file("u.txt", "text");
        assertThat(run("compare", "--strategies", "recursive,nope", f.toString())).isEqualTo(2);
        List<String> known = StrategyRegistry.load().strategies().stream().map(ChunkingStrategy::name).sorted().toList();
        assertThat(err().lines()).containsExactly("chunk: unknown strategy 'nope'; known: " + String.join(", ", known));
        assertThat(out()).isEmpty();
    }

    @Test
    void compareRejectsBadUsageWithExitStatusTwoAndOneLine() throws IOException {
        Path f = file("v.txt", "text");
        Path missing = dir.resolve("missing.txt");
        assertThat(run("compare", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive", missing.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive")).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive,,markdown", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategy", "recursive", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive", "--format", "offsets", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive", "--chunks", "3", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive,markdown", "--threshold", "90", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive", "--bytes", "0", f.toString())).isEqualTo(2);
        assertThat(run("compare", "--strategies", "recursive", f.toString(), f.toString())).isEqualTo(2);
        assertThat(run("--strategies", "recursive", f.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: compare needs the strategies to compare; give e.g. --strategies recursive,markdown,semantic",
                "chunk: cannot read " + missing + ": no such file; check the path",
                "chunk: no input file given; name the file to sample (see chunk --help)",
                "chunk: --strategies recursive,,markdown has an empty name; give e.g. --strategies recursive,markdown,semantic",
                "chunk: compare takes --strategies LIST, not --strategy; give e.g. --strategies recursive,markdown",
                "chunk: --format does not apply to 'chunk compare'; remove it (it is for 'chunk FILE...' and 'chunk preview')",
                "chunk: --chunks does not apply to 'chunk compare'; remove it (it is for 'chunk preview')",
                "chunk: none of recursive, markdown reads --threshold 90; remove that option or compare a strategy that reads it",
                "chunk: --bytes 0 must be at least 1; give e.g. --bytes 65536",
                "chunk: compare reads one file, got 2 (" + f + " " + f + "); name one",
                "chunk: --strategies does not apply to 'chunk FILE...'; remove it (it is for 'chunk compare')");
        assertThat(out()).isEmpty();
    }

    @Test
    void compareRefusesMalformedInputNamingTheFile() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', (byte) 0xC3, '!'});
        assertThat(run("compare", "--strategies", "recursive", bad.toString())).isEqualTo(2);
        assertThat(err()).startsWith("chunk: " + bad + ": malformed UTF-8 at byte offset 2").doesNotContain("\n\n");
        assertThat(err().lines()).hasSize(1);
        assertThat(out()).isEmpty();
    }
}
