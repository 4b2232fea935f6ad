package dev.chunking.benchmarks;

import dev.chunking.benchmarks.PostgresWriteInputs.Batch;
import dev.chunking.benchmarks.PostgresWriteInputs.Settings;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.postgres.PostgresChunkStore;
import dev.chunking.postgres.PostgresChunkWriter;
import dev.chunking.postgres.PostgresStoreOptions;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Measures how fast {@link PostgresChunkWriter} writes chunks of 1,000 characters into a
 * PostgreSQL server, next to a raw {@code psql \copy} of the identical rows into the same
 * partition measured in the same run; the ratio of the two is the figure that matters.
 *
 * <p>It makes a schema of its own on the server (dropped at the end), builds the chunks once
 * (see {@link PostgresWriteInputs#chunks}), writes the same rows as a COPY text file, and then,
 * for each batch setting, runs one warm-up round and the measured rounds. A round empties the
 * collection's partition and the document tables, writes all chunks through the store's writer
 * (accept each, commit a checkpoint every {@code --checkpoint-every} chunks, complete at the end),
 * empties them again and loads the file with {@code psql -c "\copy chunks_pNN (...) FROM file"},
 * in wall time (the psql process's start included); the two swap order every round. Prints a
 * Markdown table of the medians over the rounds.
 *
 * <p>Usage: {@code PostgresWriteBenchmark [--url=JDBC_URL] [--chunks=200000] [--rounds=3]
 * [--checkpoint-every=2000] [--batches=2000/16m,…] [--corpus=DIR] [--psql=psql]} (see
 * {@link PostgresWriteInputs#parse}); the URL defaults to {@code CHUNKING_PG_URL}, else the
 * local test server. A command-line tool; not thread-safe.
 */
public final class PostgresWriteBenchmark {
    private static final String COLLECTION = "write-benchmark";
    private static final DocumentId DOCUMENT = DocumentId.of("document-1");

    private PostgresWriteBenchmark() {
    }

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args see the class comment
     * @throws Exception if the server cannot be reached or psql fails
     */
    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = PostgresWriteInputs.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("PostgresWriteBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path corpus = BenchmarkInputs.corpusDir(settings.corpus());
        String english = new String(BenchmarkInputs.load(corpus.resolve(SyntheticCorpus.ENGLISH)), StandardCharsets.UTF_8);
        String multilingual = new String(BenchmarkInputs.load(corpus.resolve(SyntheticCorpus.MULTILINGUAL)),
                StandardCharsets.UTF_8);
        List<Chunk> chunks = PostgresWriteInputs.chunks(DOCUMENT, settings.chunks(), english, multilingual);
        long textBytes = chunks.stream().mapToLong(c -> c.content().byteLength()).sum();
        String schema = "chunking_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path file = Files.createTempFile("chunking-write-benchmark", ".copy");
        try (Connection admin = DriverManager.getConnection(settings.url())) {
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            try {
                run(settings, schema, chunks, textBytes, file, admin);
            } finally {
                try (Statement s = admin.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void run(Settings settings, String schema, List<Chunk> chunks, long textBytes, Path file, Connection admin)
            throws IOException, SQLException, InterruptedException {
        String url = settings.url() + (settings.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        List<String[]> rows = new ArrayList<>();
        int bucket = -1;
        for (Batch batch : settings.batches()) {
            PostgresStoreOptions options = PostgresStoreOptions.builder().batchChunks(batch.chunks()).batchBytes(batch.bytes())
                    .build();
            try (PostgresChunkStore store = PostgresChunkStore.open(url, options)) {
                if (bucket < 0) {
                    store.writer(CollectionId.of(COLLECTION)); // places the collection
                    bucket = store.partitionOf(CollectionId.of(COLLECTION)).orElseThrow();
                    long fileBytes = writeCopyFile(file, bucket, chunks);
                    System.err.printf(Locale.ROOT, "%d chunks, %.1f MB of text, %.1f MB as COPY rows, partition chunks_p%02d,"
                            + " schema %s%n", chunks.size(), textBytes / 1e6, fileBytes / 1e6, bucket, schema);
                }
                String table = schema + "." + (bucket < 10 ? "chunks_p0" : "chunks_p") + bucket;
                double[] storeRate = new double[settings.rounds()];
                double[] copyRate = new double[settings.rounds()];
                double[] ratio = new double[settings.rounds()];
                for (int r = -1; r < settings.rounds(); r++) {
                    long storeNanos;
                    long copyNanos;
                    if ((r & 1) == 0) {
                        storeNanos = storeRound(store, settings.checkpointEvery(), chunks, admin, schema, table);
                        copyNanos = copyRound(settings, file, admin, schema, table, chunks.size());
                    } else {
                        copyNanos = copyRound(settings, file, admin, schema, table, chunks.size());
                        storeNanos = storeRound(store, settings.checkpointEvery(), chunks, admin, schema, table);
                    }
                    System.err.printf(Locale.ROOT, "batch %s round %s: store %.2f s, psql COPY %.2f s%n", batch,
                            r < 0 ? "warm-up" : Integer.toString(r + 1), storeNanos / 1e9, copyNanos / 1e9);
                    if (r >= 0) {
                        storeRate[r] = chunks.size() / (storeNanos / 1e9);
                        copyRate[r] = chunks.size() / (copyNanos / 1e9);
                        ratio[r] = (double) copyNanos / storeNanos;
                    }
                }
                double storeMedian = RatioHarness.percentile(storeRate, 50);
                rows.add(new String[] {batch.toString(), String.format(Locale.ROOT, "%,.0f", storeMedian),
                    String.format(Locale.ROOT, "%.1f", storeMedian * textBytes / chunks.size() / 1e6),
                    String.format(Locale.ROOT, "%,.0f", RatioHarness.percentile(copyRate, 50)),
                    String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", RatioHarness.percentile(ratio, 50),
                            RatioHarness.percentile(ratio, 0), RatioHarness.percentile(ratio, 100))});
            }
        }
        System.out.printf(Locale.ROOT, "%d chunks of %d code points (%.1f MB of UTF-8 text) per round, %d rounds after one"
                        + " warm-up, a checkpoint every %d chunks; medians, ratio range in brackets%n%n", chunks.size(),
                PostgresWriteInputs.CHUNK_CHARS, textBytes / 1e6, settings.rounds(), settings.checkpointEvery());
        System.out.println("| batch (chunks/bytes) | store chunks/s | store MB/s | psql COPY rows/s | ratio store / COPY |");
        System.out.println("|---|--:|--:|--:|--:|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
    }

    /** Empties the partition and the document tables, as every round starts from. */
    private static void reset(Connection admin, String schema, String table) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("TRUNCATE " + table + ", " + schema + ".chunk_documents, " + schema + ".chunk_checkpoints");
        }
    }

    private static long storeRound(PostgresChunkStore store, int checkpointEvery, List<Chunk> chunks, Connection admin,
                                   String schema, String table) throws SQLException {
        reset(admin, schema, table);
        CollectionId collection = CollectionId.of(COLLECTION);
        ChunkingOptions options = ChunkingOptions.defaults();
        SourceFingerprint source = new SourceFingerprint(0, 0, "0".repeat(64), "0".repeat(64));
        long t0 = System.nanoTime();
        PostgresChunkWriter writer = store.writer(collection);
        for (Chunk chunk : chunks) {
            writer.accept(chunk);
            long next = chunk.index() + 1;
            if (next % checkpointEvery == 0 && next < chunks.size()) {
                ResumePoint at = new ResumePoint(chunk.byteEnd(), chunk.end(), chunk.byteEnd(), chunk.end(), next, 0);
                writer.commit(new Checkpoint(Checkpoint.FORMAT_VERSION, collection, DOCUMENT, chunk.strategy(), options, source,
                        at, Map.of()));
            }
        }
        writer.complete(DOCUMENT);
        long nanos = System.nanoTime() - t0;
        check(admin, table, chunks.size());
        return nanos;
    }

    private static long copyRound(Settings settings, Path file, Connection admin, String schema, String table, int expected)
            throws IOException, SQLException, InterruptedException {
        reset(admin, schema, table);
        String[] connection = PostgresWriteInputs.psqlConnection(settings.url());
        ProcessBuilder psql = new ProcessBuilder(settings.psql(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", connection[0], "-c",
                "\\copy " + table + " (" + PostgresWriteInputs.COLUMNS + ") FROM '" + file.toString().replace("'", "''") + "'");
        psql.redirectErrorStream(true);
        if (connection[1] != null) {
            psql.environment().put("PGPASSWORD", connection[1]);
        }
        long t0 = System.nanoTime();
        Process process = psql.start();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        long nanos = System.nanoTime() - t0;
        if (status != 0) {
            throw new IOException("psql failed with status " + status + ": " + new String(output, StandardCharsets.UTF_8));
        }
        check(admin, table, expected);
        return nanos;
    }

    private static void check(Connection admin, String table, int expected) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            if (rs.getLong(1) != expected) {
                throw new IllegalStateException(table + " holds " + rs.getLong(1) + " rows after a round, not " + expected);
            }
        }
    }

    private static long writeCopyFile(Path file, int bucket, List<Chunk> chunks) throws IOException {
        ByteArrayOutputStream row = new ByteArrayOutputStream(4096);
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (Chunk chunk : chunks) {
                row.reset();
                PostgresWriteInputs.appendRow(row, bucket, COLLECTION, 1, chunk);
                row.writeTo(out);
                bytes += row.size();
            }
        }
        return bytes;
    }
}
