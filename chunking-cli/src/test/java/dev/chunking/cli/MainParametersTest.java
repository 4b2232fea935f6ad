package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.StrategyRegistry;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.RecursiveStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parameter options end to end: refused by strategies that do not read them, handed to ones that do, kept in checkpoints. */
class MainParametersTest extends CommandTestSupport {
    private final ParameterEchoStrategy echo = new ParameterEchoStrategy(
            Set.of("levels", "threshold", "embedder", "batch-size", "window", "front-matter", "a", "c"));

    /** Runs with the real registry (ServiceLoader), as {@code bin/chunk} does. */
    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(),
                () -> 0L, false).run(args);
    }

    /** Runs with {@code recursive} and the test-only {@code echo} strategy, which declares parameters. */
    private int runWithEcho(String... args) {
        StrategyRegistry registry = StrategyRegistry.of(List.of(new RecursiveStrategy(), echo), List.of(new CodePointCounter()));
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(),
                () -> 0L, false, () -> registry).run(args);
    }

    @Test
    void recursiveWithoutParameterOptionsStillRuns() throws IOException {
        Path f = file("plain.txt", "hello");
        assertThat(run("--format", "offsets", f.toString())).isZero();
        assertThat(out()).isEqualTo("0\t0\t5\t0\t5\t5\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void levelsWithRecursiveIsRefusedWithExitTwoAndTheStrategysOneLine() throws IOException {
        Path f = file("r.txt", "hello");
        assertThat(run("--levels", "2048,512", f.toString())).isEqualTo(2);
        assertThat(run("--strategy", "character", "--param", "a=b", f.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: strategy 'recursive' has no parameter 'levels'; it reads none; remove the setting or pick another strategy",
                "chunk: strategy 'character' has no parameter 'a'; it reads [ends]; remove the setting or pick another strategy");
        assertThat(out()).isEmpty();
    }

    @Test
    void aStrategyThatDeclaresParametersIsRefusedOnlyTheOnesItDoesNotRead() throws IOException {
        Path f = file("e.txt", "hello");
        assertThat(runWithEcho("--strategy", "echo", "--threshold", "90", "--param", "zz=1", f.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("chunk: strategy 'echo' has no parameter 'zz'; it reads [a, batch-size, c, embedder,"
                + " front-matter, levels, threshold, window]; remove the setting or pick another strategy\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void malformedParameterOptionsAreRefusedWithExitTwoAndOneLine() throws IOException {
        Path f = file("m.txt", "hello");
        assertThat(run("--param", "levels", f.toString())).isEqualTo(2);
        assertThat(run("--param", "=1", f.toString())).isEqualTo(2);
        assertThat(run("--param", "Bad Name=1", f.toString())).isEqualTo(2);
        assertThat(run("--threshold", "abc", f.toString())).isEqualTo(2);
        assertThat(run("--levels", "2048;512", f.toString())).isEqualTo(2);
        assertThat(run(f.toString(), "--param")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: --param levels is not NAME=VALUE; give e.g. --param levels=2048,512",
                "chunk: --param =1 has an empty name; give e.g. --param levels=2048,512",
                "chunk: parameter name 'Bad Name' is not lower-case letters, digits and '-' (at most 64, starting with a letter)",
                "chunk: --threshold abc is not a whole number; give e.g. --threshold 95",
                "chunk: --levels 2048;512 is not a comma-separated list of whole numbers; give e.g. --levels 2048,512,128",
                "chunk: --param needs a value; see chunk --help");
        assertThat(out()).isEmpty();
    }

    @Test
    void everyParameterOptionReachesAStrategyThatReadsIt() throws IOException {
        Path f = file("p.txt", "hello");
        assertThat(runWithEcho("--strategy", "echo", "--levels", "2048,512,128", "--threshold", "95", "--embedder", "lexical",
                "--batch-size", "32", "--window", "64", "--front-matter", "skip", "--param", "a=b", "--param", "c=say \"\\\"",
                f.toString())).isZero();
        assertThat(out()).isEqualTo("{\"document\": \"" + f + "\", \"index\": 0, \"text\": \"hello\", \"start\": 0, \"end\": 5,"
                + " \"byteStart\": 0, \"byteEnd\": 5, \"size\": 5, \"unit\": \"chars\", \"strategy\": \"echo\","
                + " \"headings\": [\"Top\", \"Sub\"], \"level\": 1, \"id\": \"c0\", \"parent\": \"root\", \"attributes\": {\"a\": \"b\","
                + " \"batch-size\": \"32\", \"c\": \"say \\\"\\\\\\\"\", \"embedder\": \"lexical\", \"front-matter\": \"skip\","
                + " \"levels\": \"2048,512,128\", \"threshold\": \"95\", \"window\": \"64\"}}\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void strategiesCommandAndHelpWorkWithAnInjectedRegistry() {
        assertThat(runWithEcho("strategies")).isZero();
        assertThat(out()).isEqualTo("echo\trecursive, with the parameters as attributes\nrecursive\tparagraphs, then lines, sentences,"
                + " words, graphemes: the strongest break that fits\n");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--levels LIST", "--threshold N", "--embedder NAME", "--batch-size N", "--window N",
                "--front-matter chunk|skip", "--param NAME=VALUE");
    }

    @Test
    void aResumedRunWithOtherParametersIsRefusedAndOneWithTheSameOnesFinishesTheOutput() throws IOException {
        Path f = file("big.txt", "Some words here. ".repeat(12_000)); // 204 kB: four 64 KiB reads, a checkpoint after the first
        Path expected = dir.resolve("expected.jsonl");
        String[] same = {"--strategy", "echo", "--size", "10", "--overlap", "0", "--threshold", "90", "--param", "a=x"};
        assertThat(runWithEcho(withArgs(same, "--out", expected.toString(), f.toString()))).isZero();

        Path target = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("run.checkpoint");
        echo.failAt().set(15_000);
        assertThat(runWithEcho(withArgs(same, "--checkpoint", checkpoint.toString(), "--out", target.toString(), f.toString())))
                .isEqualTo(1);
        assertThat(checkpoint).exists();
        echo.failAt().set(-1);
        err.reset();

        String[] other = {"--strategy", "echo", "--size", "10", "--overlap", "0", "--threshold", "80", "--embedder", "x\ny"};
        assertThat(runWithEcho(withArgs(other, "--checkpoint", checkpoint.toString(), "--out", target.toString(), f.toString())))
                .isEqualTo(2);
        String[] none = {"--strategy", "echo", "--size", "10", "--overlap", "0"};
        assertThat(runWithEcho(withArgs(none, "--checkpoint", checkpoint.toString(), "--out", target.toString(), f.toString())))
                .isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: the checkpoint " + checkpoint + " was taken with --param a=x --threshold 90, this run has --embedder x?y"
                        + " --threshold 80; give the checkpoint's parameter options or delete the checkpoint to start over",
                "chunk: the checkpoint " + checkpoint + " was taken with --param a=x --threshold 90, this run has no parameter options;"
                        + " give the checkpoint's parameter options or delete the checkpoint to start over");
        assertThat(checkpoint).exists();

        err.reset();
        assertThat(runWithEcho(withArgs(same, "--checkpoint", checkpoint.toString(), "--out", target.toString(), f.toString())))
                .isZero();
        assertThat(err()).isEmpty();
        assertThat(Files.mismatch(target, expected)).as("first differing byte").isEqualTo(-1L);
        assertThat(checkpoint).doesNotExist();
    }

    private static String[] withArgs(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
