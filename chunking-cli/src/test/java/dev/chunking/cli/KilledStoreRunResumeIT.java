package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.PostgresChunkStore;
import dev.chunking.postgres.PostgresStoreOptions;
import dev.chunking.postgres.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chunk --store URL --collection ID --checkpoint FILE} killed with SIGKILL mid-file, twice, and
 * started again stores exactly the chunks of an uninterrupted run: no duplicate, no gap.
 */
class KilledStoreRunResumeIT {
    private static final CollectionId COLLECTION = CollectionId.of("killed");

    @TempDir
    Path dir;

    private Process start(String url, Path input, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), "dev.chunking.cli.Main",
                "--store", url, "--collection", COLLECTION.value(), "--checkpoint", "--checkpoint-every", "50",
                "--size", "500", "--overlap", "50", input.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long rows(TestDatabase database) throws Exception {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM chunks WHERE collection = ?")) {
            s.setString(1, COLLECTION.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void resumesARunKilledTwiceWithoutDuplicatesOrGaps() throws Exception {
        Path input = dir.resolve("input.txt");
        Random random = new Random(7);
        String[] words = {"chunk", "\u00e9t\u00e9", "\u6f22\u5b57", "\ud83d\ude00", "\u0444\u0430\u0439\u043b", "line.\n", "\n\n"};
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 1_000_000; i++) {
                w.write(words[random.nextInt(words.length)]);
                w.write(' ');
            }
        }
        List<Chunk> expected = StoreCommandIT.chunksOf(input, 500, 50);
        DocumentId document = DocumentId.of(input.toString());
        try (TestDatabase database = new TestDatabase();
             PostgresChunkStore store = PostgresChunkStore.open(database.url(), PostgresStoreOptions.defaults())) {
            List<Long> killedAt = new ArrayList<>();
            for (int kill = 0; kill < 2; kill++) {
                Path log = dir.resolve("child" + kill + ".log");
                long before = store.load(COLLECTION, document).map(c -> c.position().nextIndex()).orElse(0L);
                Process child = start(database.url(), input, log);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                Optional<Checkpoint> checkpoint = Optional.empty();
                while (child.isAlive() && System.nanoTime() < deadline
                        && (checkpoint.isEmpty() || checkpoint.get().position().nextIndex() < before + 500)) {
                    Thread.sleep(5); // until this run has committed 500 chunks of its own with their checkpoint
                    checkpoint = store.load(COLLECTION, document);
                }
                Thread.sleep(random.nextInt(50));
                child.destroyForcibly(); // SIGKILL: no shutdown hook, the open transaction is lost
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                Optional<Checkpoint> left = store.load(COLLECTION, document);
                assertThat(left).as("checkpoint after kill %d; log: %s", kill, Files.readString(log)).isPresent();
                assertThat(left.get().attributes()).doesNotContainKey(Checkpoint.COMPLETED_ATTRIBUTE);
                assertThat(rows(database)).as("rows of the interrupted run").isPositive();
                assertThat(store.count(COLLECTION, document)).as("chunks readers see before the document completes").isZero();
                killedAt.add(left.get().position().nextIndex());
            }
            Path log = dir.resolve("last.log");
            Process last = start(database.url(), input, log);
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as("exit status; log: %s", Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("\tchunks " + expected.size() + "\t", "\tresumed at byte ");

            List<Chunk> stored = new ArrayList<>();
            store.read(COLLECTION, document, stored::add);
            System.out.println("killed at checkpoints " + killedAt + " of " + expected.size() + " chunks");
            assertThat(killedAt).allSatisfy(at -> assertThat(at).isBetween(1L, expected.size() - 1L));
            assertThat(stored.stream().mapToLong(Chunk::index)).containsExactlyElementsOf(
                    LongStream.range(0, expected.size()).boxed().toList());
            assertThat(stored).isEqualTo(expected);
            assertThat(rows(database)).as("rows left in the table").isEqualTo(expected.size());
            assertThat(store.load(COLLECTION, document)).isEmpty();
        }
    }
}
