package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.RecursiveStrategy;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.FileCheckpointStore;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.testing.NonResumableStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MainTest extends CommandTestSupport {
    private final AtomicLong clock = new AtomicLong();
    private byte[] stdin = new byte[0];

    private int run(String... args) {
        return run(out, args);
    }

    private int run(OutputStream stdout, String... args) {
        Main main = new Main(new ByteArrayInputStream(stdin), stdout, stderr(),
                () -> clock.addAndGet(50_000_000L), false);
        return main.run(args);
    }

    @Test
    void writesOneJsonObjectPerChunkWithEscapedText() throws IOException {
        Path f = file("a.txt", "Say \"hi\"\\ now.\tTab\u0001 caf\u00e9 \ud83d\ude00\n\nNext paragraph here.");
        assertThat(run("--size", "30", "--overlap", "0", f.toString())).isZero();
        assertThat(out()).isEqualTo(
                "{\"document\": \"" + f + "\", \"index\": 0, \"text\": \"Say \\\"hi\\\"\\\\ now.\\tTab\\u0001 caf\u00e9 \ud83d\ude00\\n\\n\","
                        + " \"start\": 0, \"end\": 28, \"byteStart\": 0, \"byteEnd\": 32, \"size\": 28, \"unit\": \"chars\","
                        + " \"strategy\": \"recursive\"}\n"
                        + "{\"document\": \"" + f + "\", \"index\": 1, \"text\": \"Next paragraph here.\", \"start\": 28, \"end\": 48,"
                        + " \"byteStart\": 32, \"byteEnd\": 52, \"size\": 20, \"unit\": \"chars\", \"strategy\": \"recursive\"}\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void writesTabSeparatedOffsetsForEveryFileAndStandardInput() throws IOException {
        Path f = file("b.txt", "abcdefghij");
        stdin = "\u00e9\u00e9\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(run("--strategy", "character", "--size", "4", "--overlap", "1", "--format", "offsets", f.toString(), "-")).isZero();
        assertThat(out()).isEqualTo("0\t0\t4\t0\t4\t4\n1\t3\t7\t3\t7\t4\n2\t6\t10\t6\t10\t4\n0\t0\t3\t0\t6\t3\n");
    }

    @Test
    void summarisesEachFileInStatsFormat() throws IOException {
        Path f = file("c.txt", "one two three four five six");
        assertThat(run("--strategy", "character", "--size", "10", "--overlap", "0", "--format", "stats", f.toString())).isZero();
        assertThat(out()).isEqualTo(f + "\tchunks 3\tsize min 7 mean 9.0 max 10 chars\tbytes 27\t0.0 MB/s\n");
    }

    @Test
    void listsStrategiesNameFirstAndPrintsHelp() {
        assertThat(run("strategies")).isZero();
        assertThat(out()).startsWith("character\t").contains("\nrecursive\t");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("Usage: chunk [OPTIONS] FILE...").contains("--format jsonl|offsets|stats");
    }

    @Test
    void refusesBadUsageWithExitTwoAndOneLine() throws IOException {
        Path f = file("d.txt", "text");
        assertThat(run("--size", "ten", f.toString())).isEqualTo(2);
        assertThat(run("--bogus", f.toString())).isEqualTo(2);
        assertThat(run("--size", "100", "--overlap", "100", f.toString())).isEqualTo(2);
        assertThat(run("--strategy", "nope", f.toString())).isEqualTo(2);
        assertThat(run(dir.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(run(dir.toString())).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("--format")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: --size ten is not a whole number; give e.g. --size 1000",
                "chunk: unknown option --bogus; see chunk --help",
                "chunk: overlap 100 >= max size 100; set overlap (--overlap) below the max size (--size)",
                "chunk: unknown strategy 'nope'; known: " + String.join(", ", StrategyRegistry.load().strategies().stream().map(ChunkingStrategy::name).sorted().toList()),
                "chunk: cannot read " + dir.resolve("missing.txt") + ": no such file; check the path",
                "chunk: cannot read " + dir + ": it is a directory; name the files in it",
                "chunk: no input file given; name one or more files, or - for standard input (see chunk --help)",
                "chunk: --format needs a value; see chunk --help");
        assertThat(out()).isEmpty();
    }

    @Test
    void refusesMalformedInputNamingFileAndOffsetAndLeavesTheOutFileAlone() throws IOException {
        Path good = file("good.txt", "fine text");
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', (byte) 0xC3, '!'});
        Path target = file("out.jsonl", "previous results\n");
        assertThat(run("--out", target.toString(), good.toString(), bad.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("chunk: " + bad + ": malformed UTF-8 at byte offset 2: sequence cut short by a"
                + " non-continuation byte (bytes C3 21); fix the input encoding or convert it to UTF-8\n");
        assertThat(Files.readString(target)).isEqualTo("previous results\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("good.txt", "bad.txt", "out.jsonl");
        }
    }

    @Test
    void replacesTheOutFileWhenTheRunSucceeds() throws IOException {
        Path f = file("e.txt", "hello");
        Path target = file("out.txt", "old");
        assertThat(run("--format", "offsets", "--out", target.toString(), f.toString())).isZero();
        assertThat(Files.readString(target)).isEqualTo("0\t0\t5\t0\t5\t5\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void replacesMalformedInputWhenAskedAndRefusesInputsOverTheByteLimit() throws IOException {
        Path bad = dir.resolve("latin1.txt");
        Files.write(bad, new byte[] {'c', 'a', 'f', (byte) 0xE9, '!'});
        assertThat(run("--on-malformed", "replace", "--format", "offsets", bad.toString())).isZero();
        assertThat(out()).isEqualTo("0\t0\t5\t0\t5\t5\n");
        out.reset();
        assertThat(run("--on-malformed", "replace", bad.toString())).isZero();
        assertThat(out()).contains("\"text\": \"caf\ufffd!\"");
        assertThat(run("--max-bytes", "4", bad.toString())).isEqualTo(2);
        assertThat(run("--on-malformed", "ignore", bad.toString())).isEqualTo(2);
        assertThat(run("--checkpoint", dir.resolve("c").toString(), bad.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: document " + bad + ": 5 bytes fed, more than the limit of 4 bytes (InputLimits.maxDocumentBytes,"
                        + " --max-bytes); raise the limit or split the document",
                "chunk: --on-malformed ignore is not known; use report or replace",
                "chunk: --checkpoint needs exactly one input file (not -) and --out FILE, so that a resumed run can continue the output");
    }

    @Test
    void runsEveryStructureAwareStrategyOnARealFile() throws IOException {
        Path input = dir.resolve("in.md");
        Files.writeString(input, "---\ntitle: t\n---\n# Guide\n\nSome text. More text.\n\n## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        for (String strategy : List.of("markdown", "semantic", "hybrid")) {
            out.reset();
            assertThat(run("--strategy", strategy, "--size", "30", input.toString())).as(strategy).isZero();
            assertThat(out()).contains("\"strategy\": \"" + strategy + "\"");
        }
        out.reset();
        assertThat(run("--strategy", "markdown", "--size", "30", input.toString())).isZero();
        assertThat(out()).contains("\"headings\": [\"Guide\", \"Part\"]").contains("\"attributes\": {\"block\": \"front-matter\"}");
        out.reset();
        assertThat(run("--strategy", "hierarchical", "--levels", "40,10", input.toString())).isZero();
        assertThat(out()).contains("\"id\": \"" + input + "#L1-0\"").contains("\"parent\": \"" + input + "#L0-0\"");
        assertThat(run("--strategy", "hierarchical", "--size", "40", input.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: --size does not apply to hierarchical; give its sizes with --levels, e.g. --levels 2048,512,128");
    }

    @Test
    void refusesACheckpointedRunOfAStrategyThatCannotResumeBeforeWritingAnything() throws IOException {
        Path input = dir.resolve("in.md");
        Files.writeString(input, "# Title\n\ntext\n");
        Path output = dir.resolve("out.jsonl");
        ChunkingStrategy plain = new NonResumableStrategy(); // a plugin that keeps the default: it cannot resume
        StrategyRegistry registry = StrategyRegistry.of(List.of(new RecursiveStrategy(), plain), List.of(new CodePointCounter()));
        Main main = new Main(new ByteArrayInputStream(stdin), out, stderr(), () -> 0L, false, () -> registry);
        assertThat(main.run("--strategy", "plain", "--checkpoint", dir.resolve("c").toString(), "--out", output.toString(),
                input.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: strategy 'plain' cannot resume from a checkpoint; run it without --checkpoint");
        assertThat(output).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void checkpointsEveryBuiltInStrategy() throws IOException {
        Path input = dir.resolve("in.md");
        Files.writeString(input, "---\ntitle: t\n---\n# Title\n\nSome text. More text here.\n\n## Part\n\n- a list item\n");
        for (String strategy : List.of("character", "recursive", "markdown", "semantic", "hierarchical", "hybrid")) {
            Path output = dir.resolve(strategy + ".jsonl");
            Path checkpoint = dir.resolve(strategy + ".checkpoint");
            List<String> args = new java.util.ArrayList<>(List.of("--strategy", strategy, "--checkpoint", checkpoint.toString(),
                    "--out", output.toString(), input.toString()));
            if (!strategy.equals("hierarchical")) {
                args.addAll(0, List.of("--size", "20", "--overlap", "0"));
            }
            assertThat(run(args.toArray(String[]::new))).as(strategy + ": " + err()).isZero();
            assertThat(output).as(strategy).isNotEmptyFile();
            assertThat(checkpoint).as(strategy + ": the checkpoint is deleted once the run completes").doesNotExist();
        }
    }

    @Test
    void refusesToContinueACheckpointedOutputInAnotherFormat() throws IOException {
        Path f = file("s.txt", "some text to chunk");
        Path out = file("s.jsonl", "{}\n");
        Path checkpointFile = dir.resolve("s.checkpoint");
        FileCheckpointStore store = new FileCheckpointStore(checkpointFile);
        ChunkingOptions options = Arguments.parse("--checkpoint", checkpointFile.toString(), "--out", out.toString(),
                f.toString()).options();
        store.save(new Checkpoint(Checkpoint.FORMAT_VERSION, StreamingChunker.DEFAULT_COLLECTION,
                DocumentId.of(f.toString()),
                "recursive", options, ByteSource.file(f).fingerprint().orElseThrow(),
                ResumePoint.START, Map.of("output.bytes", "3", "output.format", "jsonl",
                        "output.path", out.toAbsolutePath().normalize().toString())));
        assertThat(run("--format", "offsets", "--checkpoint", checkpointFile.toString(), "--out", out.toString(), f.toString())).isEqualTo(2);
        assertThat(run("--checkpoint", checkpointFile.toString(), "--out", dir.resolve("other.jsonl").toString(), f.toString()))
                .isEqualTo(2);
        assertThat(run("--format", "stats", "--checkpoint", checkpointFile.toString(), "--out", out.toString(), f.toString()))
                .isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: the checkpoint " + checkpointFile + " was taken with --format jsonl, this run has offsets; use --format jsonl"
                        + " or delete the checkpoint to start over",
                "chunk: the checkpoint " + checkpointFile + " was taken with --out " + out.toAbsolutePath().normalize() + ", this run has "
                        + dir.resolve("other.jsonl").toAbsolutePath().normalize() + "; use --out " + out.toAbsolutePath().normalize()
                        + " or delete the checkpoint to start over",
                "chunk: --checkpoint cannot be combined with --format stats (a resumed run would count only its own chunks); use"
                        + " jsonl or offsets");
        err.reset();
        store.save(new Checkpoint(Checkpoint.FORMAT_VERSION, StreamingChunker.DEFAULT_COLLECTION,
                DocumentId.of(f.toString()),
                "recursive", options, ByteSource.file(f).fingerprint().orElseThrow(),
                ResumePoint.START, Map.of("output.bytes", "3", "output.tailSha256", "00")));
        assertThat(run("--checkpoint", checkpointFile.toString(), "--out", out.toString(), f.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("chunk: --out " + out.toAbsolutePath().normalize() + " no longer holds the 3 bytes the checkpoint "
                + checkpointFile + " recorded; delete the checkpoint to start over\n");
        store.save(new Checkpoint(Checkpoint.FORMAT_VERSION, StreamingChunker.DEFAULT_COLLECTION,
                DocumentId.of(f.toString()),
                "recursive", options, ByteSource.file(f).fingerprint().orElseThrow(),
                ResumePoint.START, Map.of("output.bytes", "3")));
        assertThat(run("--checkpoint", checkpointFile.toString(), "--out", out.toString(), f.toString())).isZero();
        assertThat(Files.readString(out)).startsWith("{}\n{\"document\": ");
        assertThat(checkpointFile).doesNotExist();
    }

    @Test
    void sizesChunksInTheTokensOfAnOpenAiEncoding() throws IOException {
        Path f = file("t.txt", "Tokenization splits text into tokens. ".repeat(40));
        assertThat(run("--encoding", "o200k_base", "--size", "50", "--overlap", "5", "--format", "stats", f.toString())).isZero();
        assertThat(out()).contains("max 50 tokens").doesNotContain("max 51");
        assertThat(run("--encoding", "gpt2", f.toString())).isEqualTo(2);
        assertThat(err()).startsWith("chunk: unknown token counter 'gpt2'; known: cl100k_base, codepoints, o200k_base, p50k_base, r50k_base");
    }

    @Test
    void skipsAByteOrderMarkButCountsItInTheOffsets() throws IOException {
        Path f = dir.resolve("bom.txt");
        Files.write(f, "\ufeffhi".getBytes(StandardCharsets.UTF_8));
        assertThat(run("--format", "offsets", f.toString())).isZero();
        assertThat(out()).isEqualTo("0\t1\t3\t3\t5\t2\n");
    }

    @Test
    void keepsTheOutFilesPermissions() throws IOException {
        Path f = file("p.txt", "hello");
        Path target = file("shared.jsonl", "old");
        Set<PosixFilePermission> readable =
                PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(target, readable);
        assertThat(run("--out", target.toString(), f.toString())).isZero();
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(readable);
    }

    @Test
    void refusesInputsAndOutputsItCannotUseWithExitTwo() throws IOException {
        Path f = file("q.txt", "text");
        assertThat(run("-", "-")).isEqualTo(2);
        assertThat(run("--out", dir.resolve("no/such/dir/out.jsonl").toString(), f.toString())).isEqualTo(2);
        Path odd = file("bad\nname.txt", "text");
        assertThat(run(odd.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: standard input (-) can be read only once; name it once",
                "chunk: cannot write --out " + dir.resolve("no/such/dir/out.jsonl") + ": directory " + dir.resolve("no/such/dir")
                        + " does not exist; create it first",
                "chunk: cannot use " + dir.resolve("bad?name.txt") + " as a document id: document id contains control character"
                        + " U+000A at index " + (dir.toString().length() + 4) + "; remove it; rename the file or name it by a shorter path");
    }

    @Test
    void reportsTheConfiguredUnitEvenForAnEmptyFile() throws IOException {
        Path f = file("empty.txt", "");
        assertThat(run("--unit", "tokens", "--token-counter", "codepoints", "--format", "stats", f.toString())).isZero();
        assertThat(out()).isEqualTo(f + "\tchunks 0\tsize min 0 mean 0.0 max 0 tokens\tbytes 0\t0.0 MB/s\n");
    }

    @Test
    void refusesUnitTokensWithoutATokenCounterInsteadOfLabellingCodePointsTokens() throws IOException {
        Path f = file("t.txt", "some text");
        assertThat(run("--unit", "tokens", f.toString())).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("chunk: unit tokens needs a token counter, and none was set:")
                .contains("--encoding or --token-counter").contains("chunking-tokenizers");
    }

    @Test
    void namesTheTokenizersArtifactWhenANamedCounterIsNotOnTheClassPath() throws IOException {
        Path f = file("t.txt", "some text");
        assertThat(run("--encoding", "cl200k_base", f.toString())).isEqualTo(2);
        assertThat(err()).startsWith("chunk: unknown token counter 'cl200k_base'; known: ")
                .contains("chunking-tokenizers artifact");
    }

    @Test
    void defaultsTheOverlapByTheSameRuleAsTheLibrary() {
        for (int size : new int[] {1, 7, 100, 1000, 4096}) {
            assertThat(Arguments.parse("--size", String.valueOf(size), "f.txt").options().overlap())
                    .isEqualTo(ChunkingOptions.builder().maxSize(size).build().overlap());
        }
    }

    @Test
    void defaultsTheMinSizeByTheSameRuleAsTheLibraryAndKeepsAGivenOneEvenZero() {
        for (int size : new int[] {1, 7, 100, 1000, 4096}) {
            assertThat(Arguments.parse("--size", String.valueOf(size), "f.txt").options().minSize())
                    .isEqualTo(ChunkingOptions.builder().maxSize(size).build().minSize()).isEqualTo(size / 4);
        }
        assertThat(Arguments.parse("--min-size", "0", "f.txt").options().minSize()).isZero();
        assertThat(Arguments.parse("--size", "100", "--min-size", "60", "f.txt").options().minSize()).isEqualTo(60);
        assertThat(Arguments.parse("--strategy", "hierarchical", "f.txt").options().minSize()).as("a quarter of 2048").isEqualTo(512);
    }

    @Test
    void reportsAFailingPluginOnOneLineWithExitOne() throws IOException {
        Path f = file("r.txt", "hello");
        OutputStream exploding = new OutputStream() {
            @Override
            public void write(int b) {
                throw new IllegalStateException("plugin bug");
            }
        };
        assertThat(run(exploding, f.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("chunk: failed while running: java.lang.IllegalStateException: plugin bug\n");
    }

    @Test
    void exitsOneWhenWritingFailsWhileRunning() throws IOException {
        Path f = file("f.txt", "hello");
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Input/output error"); // a closed pipe is not a failure: see ClosedPipeTest
            }
        };
        assertThat(run(broken, f.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("chunk: failed while running: java.io.IOException: Input/output error\n");
    }

    @Test
    void drawsAProgressBarWhenAsked() throws IOException {
        Path f = file("g.txt", "x".repeat(200_000));
        assertThat(run("--progress", "--format", "stats", f.toString())).isZero();
        assertThat(err()).contains("[##############################] 100% 200.0 kB/200.0 kB").endsWith("\n");
        err.reset();
        assertThat(run("--format", "stats", f.toString())).isZero();
        assertThat(err()).isEmpty();
    }
}
