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
 *
 * <p>The time is the span from the first grant of any instance to the last (wall clock, one
 * machine), less the time the bucket stood full with nobody asking: replaying every grant's time
 * through a bucket of the same limit shows those stretches, which happen when a busy machine stalls
 * every client thread for longer than the burst lasts (200 ms) and are no fault of the limiter. Both
 * figures are printed; over the fixed 10 s window the instances must not get more than 1 % over
 * the rate either.
 */
class ThreeInstancesAccuracyIT {
    private static final double RATE = 200_000; // permits per second
    private static final long BURST = 40_000; // 200 ms of the rate
    private static final long PERMITS = 2_000; // per request: 100 grants a second in all, well under what a busy machine can ask
    private static final long DURATION_MS = 10_000;
    private static final int THREADS = 8; // per instance: many requests in flight when a busy machine makes each round trip slow

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
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<String> lines = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (BufferedReader output : outputs) {
                String line = lineStartingWith(output, "GRANTED");
                assertThat(line).isNotNull();
                lines.add(line);
                String[] words = line.split(" ");
                granted += Long.parseLong(words[1]);
                first = Math.min(first, Long.parseLong(words[3]));
                last = Math.max(last, Long.parseLong(words[5]));
                assertThat(words[9]).as("no instance lost Redis").isEqualTo("0");
                String timeLine = lineStartingWith(output, "TIMES");
                for (String micros : timeLine.substring("TIMES ".length()).split(",")) {
                    if (!micros.isBlank()) {
                        times.add(Long.parseLong(micros.trim()));
                    }
                }
            }
            for (Process process : instances) {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isZero();
            }
            assertThat(times).hasSize((int) (granted / PERMITS));
            double idle = idleWhileFull(times) / 1e6;
            double span = (last - first) / 1e6;
            double expected = BURST + RATE * (span - idle);
            double ratio = granted / expected;
            double raw = granted / (BURST + RATE * span);
            double window = granted / (BURST + RATE * DURATION_MS / 1000.0);
            System.out.printf("three instances x %d threads, %.0f permits/s burst %d, %d permits a request: granted %d of %.0f"
                    + " expected over the %.3f s from first to last grant less %.3f s the bucket stood full = %.4f"
                    + " (%.4f of the whole span, %.4f of the 10 s window) (%s)%n", THREADS, RATE, BURST, PERMITS, granted, expected,
                    span, idle, ratio, raw, window, String.join("; ", lines));
            assertThat(ratio).as("granted / (burst + rate x span)").isBetween(0.99, 1.01);
            assertThat(window).as("granted / (burst + rate x 10 s)").isLessThanOrEqualTo(1.01);
        } finally {
            for (Process process : instances) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Replays the grants, in order, through a bucket of the test's limit (kept as the time it is
     * full again) and sums the microseconds it stood full before a grant: capacity nobody asked for.
     */
    private static long idleWhileFull(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        double perGrant = PERMITS / RATE * 1e6; // µs of refill a grant costs
        double full = sorted.get(0);
        long idle = 0;
        for (long at : sorted) {
            if (at > full) {
                idle += (long) (at - full);
                full = at;
            }
            full += perGrant;
        }
        return idle;
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
