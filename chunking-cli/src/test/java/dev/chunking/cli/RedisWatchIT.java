package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code chunk --redis URL --operation ID FILE} and {@code chunk watch} against the real server, in
 * child JVMs, under a key prefix of this test's own, whose keys are deleted afterwards.
 */
class RedisWatchIT extends CommandTestSupport {
    private static final String URL = System.getenv().getOrDefault("CHUNKING_REDIS_URL", "redis://127.0.0.1:6379");

    private final String prefix = "chunking-test:" + UUID.randomUUID() + ":";
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void connect() {
        client = RedisClient.create(URL);
        connection = client.connect();
    }

    @AfterEach
    void deleteThePrefixesKeys() {
        RedisCommands<String, String> redis = connection.sync();
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        if (!keys.isEmpty()) {
            redis.unlink(keys.toArray(new String[0]));
        }
        connection.close();
        client.shutdown();
    }

    private Process chunk(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), "dev.chunking.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(log.resolveSibling(log.getFileName() + ".err").toFile())
                .redirectOutput(log.toFile()).start();
    }

    private static String text(int sentences) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            s.append("Sentence ").append(i).append(" of the watched text, with caf\u00e9 in it.").append(i % 9 == 0 ? "\n\n" : " ");
        }
        return s.toString();
    }

    @Test
    void watchStartedBeforeTheRunPrintsEveryEventOnceAndEndsWithCompleted() throws Exception {
        Path input = file("input.txt", text(60_000));
        Path watchLog = dir.resolve("watch.out");
        Process watch = chunk(watchLog, "watch", "--redis", URL, "--operation", "run-1", "--redis-prefix", prefix);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (connection.sync().pubsubChannels(prefix + "*").isEmpty()) { // the watcher has subscribed
                assertThat(watch.isAlive()).as("watch ended before subscribing: %s", Files.readString(watchLog)).isTrue();
                assertThat(System.nanoTime()).as("watch did not subscribe within 20 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            Path runLog = dir.resolve("run.out");
            Process run = chunk(runLog, "--redis", URL, "--operation", "run-1", "--redis-prefix", prefix, "--format", "stats",
                    input.toString());
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.out.err"))).isZero();
            assertThat(Files.readString(runLog)).startsWith(input + "\tchunks ");
            assertThat(watch.waitFor(20, TimeUnit.SECONDS)).as("watch did not end after the run").isTrue();
            assertThat(watch.exitValue()).as(Files.readString(dir.resolve("watch.out.err"))).isZero();
        } finally {
            watch.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(watchLog, StandardCharsets.UTF_8);
        assertThat(Files.readString(dir.resolve("watch.out.err"))).isEmpty();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2).allMatch(line -> line.matches("#\\d+ [A-Z]+ .*, \\d+ chunks?"));
        assertThat(lines.get(0)).startsWith("#1 STARTED ");
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches("#\\d+ COMPLETED (\\S+ \\S+) of \\1, \\d+ chunks");
        List<Long> numbers = lines.stream().map(line -> Long.parseLong(line.substring(1, line.indexOf(' ')))).toList();
        assertThat(numbers).containsExactlyElementsOf(LongStream.rangeClosed(1, numbers.size()).boxed().toList());
    }

    @Test
    void watchStartedAfterTheRunPrintsTheFinalStateAndEnds() throws Exception {
        Path input = file("input.txt", text(2_000));
        Process run = chunk(dir.resolve("run.out"), "--redis", URL, "--operation", "run-2", "--redis-prefix", prefix,
                input.toString());
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.out.err"))).isZero();
        assertThat(Files.readString(dir.resolve("run.out"))).contains("\"document\":");

        int status = new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), System::nanoTime, false)
                .run("watch", "--redis", URL, "--operation", "run-2", "--redis-prefix", prefix);
        assertThat(status).as(err()).isZero();
        assertThat(err()).isEmpty();
        assertThat(out().lines().toList()).singleElement().asString()
                .matches("state COMPLETED #\\d+ COMPLETED (\\S+ \\S+) of \\1, \\d+ chunks");
    }
}
