package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise 5 end to end, for every built-in strategy: a chunk command killed with SIGKILL several times and resumed
 * ends with the same output, byte for byte.
 */
class KilledRunResumeIT {
    @TempDir
    Path dir;

    /** The options of each strategy: 500-character chunks with overlap, hybrid also splitting by meaning. */
    private static List<String> options(String strategy) {
        List<String> options = new ArrayList<>(List.of("--strategy", strategy, "--overlap", "50"));
        options.addAll(strategy.equals("hierarchical") ? List.of("--levels", "2000,500") : List.of("--size", "500"));
        if (strategy.equals("hybrid")) {
            options.addAll(List.of("--embedder", "lexical"));
        }
        return options;
    }

    private Process start(String strategy, Path input, Path out, Path checkpoint) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "dev.chunking.cli.Main"));
        command.addAll(options(strategy));
        command.addAll(List.of("--checkpoint", checkpoint.toString(), "--out", out.toString(), input.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    /** Markdown with headings of both kinds, lists, code, tables and multilingual sentences: work for every strategy. */
    private static void write(Path input, int pieces) throws IOException {
        Random random = new Random(42);
        String[] words = {"chunk", "\u00e9t\u00e9", "\u6f22\u5b57", "\ud83d\ude00", "\u0444\u0430\u0439\u043b", "line.\n", "\n\n",
            "\u0915\u0930\u094d\u0923", "done. Then", "\n\n## Section\n\n", "\n\n# Part\n\n", "\n\n- item\n- item\n\n",
            "\n\n```\n# code\n```\n\n", "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", "\n\nTitle\n===\n\n"};
        int[] weights = {30, 10, 10, 5, 10, 10, 6, 5, 10, 2, 1, 1, 1, 1, 1};
        int total = java.util.Arrays.stream(weights).sum();
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            w.write("---\ntitle: killed run\n---\n");
            for (int i = 0; i < pieces; i++) {
                int pick = random.nextInt(total);
                int k = 0;
                while (pick >= weights[k]) {
                    pick -= weights[k++];
                }
                w.write(words[k]);
                w.write(' ');
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"character", "recursive", "markdown", "semantic", "hierarchical", "hybrid"})
    void resumesARunKilledThreeTimesToTheUninterruptedOutput(String strategy) throws Exception {
        Path input = dir.resolve("input.md");
        write(input, strategy.equals("semantic") || strategy.equals("hybrid") ? 1_500_000 : 6_000_000);
        Path expected = dir.resolve("expected.jsonl");
        Main main = new Main(System.in, System.out, System.err, System::nanoTime, false);
        List<String> uninterrupted = new ArrayList<>(options(strategy));
        uninterrupted.addAll(List.of("--out", expected.toString(), input.toString()));
        assertThat(main.run(uninterrupted.toArray(String[]::new))).isZero();

        Random random = new Random(strategy.hashCode());
        Path out = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("run.checkpoint");
        List<Long> killedAt = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            Process child = start(strategy, input, out, checkpoint);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long before = Files.exists(checkpoint) ? Files.getLastModifiedTime(checkpoint).toMillis() : -1;
            while (child.isAlive() && System.nanoTime() < deadline
                    && (!Files.exists(checkpoint) || Files.getLastModifiedTime(checkpoint).toMillis() == before)) {
                Thread.sleep(5); // wait until this run has saved a checkpoint of its own
            }
            Thread.sleep(random.nextInt(100));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killedAt.add(Files.exists(out) ? Files.size(out) : 0);
        }
        Process last = start(strategy, input, out, checkpoint);
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("exit status; log: %s", Files.readString(dir.resolve("child.log"))).isZero();

        System.out.println(strategy + ": killed at output sizes " + killedAt + " of " + Files.size(expected));
        assertThat(killedAt).as("output sizes when killed").allSatisfy(size -> assertThat(size).isLessThan(Files.size(expected)));
        assertThat(Files.mismatch(out, expected)).as("first differing byte").isEqualTo(-1L);
        assertThat(checkpoint).doesNotExist();
    }
}
