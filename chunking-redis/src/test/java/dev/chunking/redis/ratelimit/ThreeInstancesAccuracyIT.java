package dev.chunking.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.redis.TestRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three instances, each a JVM of its own with a Redis client of its own, hammer one key together
 * for ten seconds: together they are granted the configured rate (plus the burst) within 1 %,
 * neither more (the shared bucket holds) nor much less (the buckets lose nothing to contention).
 */
class ThreeInstancesAccuracyIT {
    private static final double RATE = 200_000; // permits per second
    private static final long BURST = 1_000;
    private static final long PERMITS = 100; // per request: 2,000 grants a second in all
    private static final long DURATION_MS = 10_000;
    private static final int THREADS = 4; // per instance

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void deleteTheKeys() {
        redis.close();
    }

    @Test
    void threeInstancesTogetherStayWithinOnePercentOfTheConfiguredRate() throws Exception {
        List<Process> instances = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xshare:auto", "-cp", System.getProperty("java.class.path"), AccuracyInstance.class.getName(),
                        TestRedis.URI, redis.prefix, "bytes:shared", Double.toString(RATE), Long.toString(BURST),
                        Long.toString(PERMITS), Long.toString(DURATION_MS), Integer.toString(THREADS))
                        .redirectErrorStream(true).start();
                instances.add(process);
                outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader output : outputs) {
                assertThat(lineStartingWith(output, "READY")).isNotNull();
            }
            long start = System.currentTimeMillis() + 300;
            for (Process process : instances) {
                OutputStream in = process.getOutputStream();
                in.write((start + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            long granted = 0;
            List<String> lines = new ArrayList<>();
            for (BufferedReader output : outputs) {
                String line = lineStartingWith(output, "GRANTED");
                assertThat(line).isNotNull();
                lines.add(line);
                String[] words = line.split(" ");
                granted += Long.parseLong(words[1]);
                assertThat(words[5]).as("no instance lost Redis").isEqualTo("0");
            }
            for (Process process : instances) {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isZero();
            }
            double expected = BURST + RATE * DURATION_MS / 1000.0;
            double ratio = granted / expected;
            System.out.printf("three instances x %d threads, %.0f permits/s burst %d, %d permits a request, %d s:"
                    + " granted %d of %.0f expected = %.4f (%s)%n", THREADS, RATE, BURST, PERMITS, DURATION_MS / 1000, granted,
                    expected, ratio, String.join("; ", lines));
            assertThat(ratio).isBetween(0.99, 1.01);
        } finally {
            for (Process process : instances) {
                process.destroyForcibly();
            }
        }
    }

    private static String lineStartingWith(BufferedReader output, String prefix) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the instance ended before printing " + prefix + ":\n" + seen);
    }
}
