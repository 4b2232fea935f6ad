package dev.chunking.redis.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Checkpoint;
import dev.chunking.redis.TestRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run checkpointed into Redis by one JVM, killed without warning after a few checkpoints, is
 * finished by another JVM with a store of its own (another "machine" reaching the same server),
 * and the chunks of both equal those of a run never interrupted.
 */
class ResumeOnAnotherMachineIT {
    private final TestRedis redis = new TestRedis();

    @TempDir
    Path sink;

    @AfterEach
    void deleteTheKeys() {
        redis.close();
    }

    @Test
    @Timeout(90)
    void aRunKilledAfterSomeCheckpointsIsFinishedByAnotherMachineAndTheChunksEqualAnUninterruptedRun() throws Exception {
        List<String> uninterrupted = new ArrayList<>();
        CheckpointedRun.run(null, chunk -> uninterrupted.add(CheckpointedRun.line(chunk))).throwFailure();
        assertThat(uninterrupted).hasSizeGreaterThan(100);

        Process first = child(20, "first");
        List<Long> saved = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && saved.size() < 3; line = out.readLine()) {
                if (line.startsWith("SAVED ")) {
                    saved.add(Long.parseLong(line.substring("SAVED ".length())));
                }
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // a checkpoint at the first buffer boundary after every 5 chunks
        assertThat(saved).as("the first machine's checkpoints; its errors: %s", errors("first")).hasSize(3)
                .isSorted().allSatisfy(next -> assertThat(next).isPositive());

        Checkpoint left;
        try (RedisCheckpointStore inspector = RedisCheckpointStore.open(redis.settings().build())) {
            left = inspector.load(CheckpointedRun.COLLECTION, CheckpointedRun.DOCUMENT).orElseThrow();
        }
        long resumeAt = left.position().nextIndex();
        assertThat(resumeAt).isBetween(saved.get(2), uninterrupted.size() - 1L);
        assertThat(left.attributes()).doesNotContainKey(Checkpoint.COMPLETED_ATTRIBUTE);
        assertThat(CheckpointedRun.read(sink)).hasSizeGreaterThanOrEqualTo((int) resumeAt).hasSizeLessThan(uninterrupted.size());

        Process second = child(0, "second");
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("the second machine's errors: %s", errors("second")).isZero();
        assertThat(output).contains("DONE " + left.position().byteOffset() + " " + (uninterrupted.size() - resumeAt));

        assertThat(CheckpointedRun.read(sink)).containsExactlyElementsOf(uninterrupted);
    }

    /** Starts {@link CheckpointedRun} in a JVM of its own on this test's class path. */
    private Process child(long millisPerChunk, String name) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CheckpointedRun.class.getName(), TestRedis.URI, redis.prefix, sink.toString(), Long.toString(millisPerChunk))
                .redirectError(sink.resolve(name + ".err").toFile())
                .start();
    }

    private String errors(String name) throws IOException {
        Path file = sink.resolve(name + ".err");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
