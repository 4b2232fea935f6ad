package dev.chunking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.postgres.internal.Partitions;
import dev.chunking.streaming.operation.OperationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kills the JVM of a checkpointed run between two statements of a batch (a child JVM halts
 * itself right before statement K, see {@link CountingDataSource}), resumes the run, and compares
 * the stored chunks with those of an uninterrupted run: the same chunks, once each, same indexes,
 * and the completed checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashConsistencyIT {
    private TestDatabase database;
    private HikariDataSource pool;
    private PostgresChunkStore store;

    @BeforeAll
    void createSchema() throws SQLException {
        database = new TestDatabase();
        pool = CrashingRun.pool(TestDatabase.URL, database.schema);
        store = PostgresChunkStore.create(pool, CrashingRun.STORE_OPTIONS);
    }

    @AfterAll
    void dropSchema() throws SQLException {
        store.close();
        pool.close();
        database.close();
    }

    @Test
    void aRunKilledBeforeAnyStatementOfItsBatchesResumesToExactlyTheChunksOfAnUninterruptedRun() throws Exception {
        CollectionId clean = CollectionId.of("crash-uninterrupted");
        Child uninterrupted = child(clean, 0);
        assertThat(uninterrupted.status).as(uninterrupted.output).isEqualTo(CrashingRun.COMPLETED_STATUS);
        List<String> lines = uninterrupted.output.lines().toList();
        assertThat(lines).last().isEqualTo(CrashingRun.DONE);
        List<String> kinds = lines.subList(0, lines.size() - 1);
        assertThat(kinds).noneMatch(k -> k.startsWith("other"));
        List<Chunk> expected = stored(clean);
        assertThat(expected).hasSizeGreaterThan(50) // many batches; ~70 chunks since the default min size merges tiny ones
                .isEqualTo(CrashingRun.CHUNKING.chunk(CrashingRun.DOCUMENT, CrashingRun.TEXT));
        assertCompleted(clean, expected.size());

        List<Integer> sample = sample(kinds);
        System.out.printf("CrashConsistencyIT: %d statements in the uninterrupted run of %d chunks; halting before %d of them: %s%n",
                kinds.size(), expected.size(), sample.size(), sample);
        assertThat(sample.stream().map(k -> kinds.get(k - 1)).distinct())
                .containsExactlyInAnyOrder("place collection", "load checkpoint", "begin run", "lock document",
                        "begin run: delete interrupted generation", "begin run: new generation", "delete batch range", "copy",
                        "save checkpoint", "complete: delete old generation", "complete: make generation current", "commit");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int k : sample) {
                runs.add(pool.submit(() -> {
                    crashBeforeStatementThenResume(k, kinds.get(k - 1), expected);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void crashBeforeStatementThenResume(int k, String kind, List<Chunk> expected) throws Exception {
        CollectionId collection = CollectionId.of("crash-before-" + k);
        String what = "halted before statement " + k + " (" + kind + ")";
        Child crashed = child(collection, k);
        assertThat(crashed.status).as(what + ": " + crashed.output).isEqualTo(137);

        boolean completedBeforeResume = checkpoint(collection).map(CrashConsistencyIT::completed).orElse(false);
        OperationResult resumed = CrashingRun.run(store, collection);
        if (completedBeforeResume) { // the completing transaction committed: all is stored, a rerun says so
            assertThat(resumed.failure()).as(what).get().isInstanceOf(CheckpointMismatchException.class);
        } else {
            assertThat(resumed.status()).as(what + ": " + resumed.failure()).isEqualTo(OperationStatus.COMPLETED);
        }
        assertThat(stored(collection)).as(what).isEqualTo(expected);
        assertCompleted(collection, expected.size());
        assertThat(rowsOfEveryGeneration(collection)).as(what + ": rows left of any generation").isEqualTo(expected.size());
    }

    /**
     * Every statement of the run, one after the other (104 for 73 chunks, about 80 s on 2 cores); with
     * {@code -Dchunking.crash.sample=true} for a quick run, those of the run's start (placing,
     * loading, beginning), of one batch and one checkpoint in its middle and of its completion, the
     * first and last statement of each kind, and four more spread over the run: about 40, all kinds.
     */
    private static List<Integer> sample(List<String> kinds) {
        int total = kinds.size();
        TreeSet<Integer> sample = new TreeSet<>();
        if (!Boolean.getBoolean("chunking.crash.sample")) {
            for (int k = 1; k <= total; k++) {
                sample.add(k);
            }
            return new ArrayList<>(sample);
        }
        for (int k = 1; k <= Math.min(10, total); k++) {
            sample.add(k);
        }
        for (int k = Math.max(1, total - 9); k <= total; k++) {
            sample.add(k);
        }
        int middle = kinds.subList(0, total / 2).lastIndexOf("commit") + 2; // the statement after a commit near the middle
        for (int k = middle; k < middle + 12 && k <= total; k++) {
            sample.add(k);
        }
        for (String kind : new TreeSet<>(kinds)) {
            sample.add(kinds.indexOf(kind) + 1);
            sample.add(kinds.lastIndexOf(kind) + 1);
        }
        for (int k = total / 5; k < total; k += total / 5) {
            sample.add(k);
        }
        return new ArrayList<>(sample);
    }

    private void assertCompleted(CollectionId collection, int chunks) {
        Checkpoint checkpoint = checkpoint(collection).orElseThrow();
        assertThat(completed(checkpoint)).as("completed checkpoint of %s", collection.value()).isTrue();
        assertThat(checkpoint.position().nextIndex()).isEqualTo(chunks);
        assertThat(store.count(collection, CrashingRun.DOCUMENT)).isEqualTo(chunks);
    }

    private Optional<Checkpoint> checkpoint(CollectionId collection) {
        return store.load(collection, CrashingRun.DOCUMENT);
    }

    private static boolean completed(Checkpoint checkpoint) {
        return "true".equals(checkpoint.attributes().get(Checkpoint.COMPLETED_ATTRIBUTE));
    }

    private List<Chunk> stored(CollectionId collection) {
        List<Chunk> chunks = new ArrayList<>();
        store.read(collection, CrashingRun.DOCUMENT, chunks::add);
        return chunks;
    }

    private long rowsOfEveryGeneration(CollectionId collection) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
                + Partitions.table(store.partitionOf(collection).orElseThrow()) + " WHERE collection = ? AND document = ?")) {
            s.setString(1, collection.value());
            s.setString(2, CrashingRun.DOCUMENT.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private record Child(int status, String output) {
    }

    /** Runs {@link CrashingRun} in a child JVM on this test's class path. */
    private Child child(CollectionId collection, int haltAt) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashingRun.class.getName(), TestDatabase.URL, database.schema, collection.value(), Integer.toString(haltAt))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Child(process.exitValue(), output);
    }
}
