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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promise 5 end to end: a chunk command killed with SIGKILL several times and resumed ends with the same output. */
class KilledRunResumeIT {
    @TempDir
    Path dir;

    private Process start(Path input, Path out, Path checkpoint) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), "dev.chunking.cli.Main",
                "--size", "500", "--overlap", "50", "--checkpoint", checkpoint.toString(), "--out", out.toString(), input.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    @Test
    void resumesARunKilledThreeTimesToTheUninterruptedOutput() throws Exception {
        Path input = dir.resolve("input.txt");
        Random random = new Random(42);
        String[] words = {"chunk", "\u00e9t\u00e9", "\u6f22\u5b57", "\ud83d\ude00", "\u0444\u0430\u0439\u043b", "line.\n", "\n\n"};
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 6_000_000; i++) {
                w.write(words[random.nextInt(words.length)]);
                w.write(' ');
            }
        }
        Path expected = dir.resolve("expected.jsonl");
        Main main = new Main(System.in, System.out, System.err, System::nanoTime, false);
        assertThat(main.run("--size", "500", "--overlap", "50", "--out", expected.toString(), input.toString())).isZero();

        Path out = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("run.checkpoint");
        List<Long> killedAt = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            Process child = start(input, out, checkpoint);
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
        Process last = start(input, out, checkpoint);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("exit status; log: %s", Files.readString(dir.resolve("child.log"))).isZero();

        System.out.println("killed at output sizes " + killedAt + " of " + Files.size(expected));
        assertThat(killedAt).as("output sizes when killed").allSatisfy(size -> assertThat(size).isLessThan(Files.size(expected)));
        assertThat(Files.mismatch(out, expected)).as("first differing byte").isEqualTo(-1L);
        assertThat(checkpoint).doesNotExist();
    }
}
