package dev.chunking.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.DocumentSource;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.OperationOptions;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.OperationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The checkpointed run of {@link CrashConsistencyIT}: one multilingual document of a few hundred
 * chunks through the real run loop ({@link ChunkingOperations}) into a {@link PostgresChunkStore}
 * that is both the sink and the checkpoint store, a checkpoint every 5 chunks, batches of 7.
 * Its {@link #main} runs it in a child JVM over a {@link CountingDataSource}, which halts that JVM
 * before a given statement.
 */
final class CrashingRun {
    static final DocumentId DOCUMENT = DocumentId.of("crash/\u6587\u6863-\u00e9t\u00e9.md");
    static final Chunking CHUNKING = Chunking.of("recursive", ChunkingOptions.builder().maxSize(60).overlap(12).build());
    static final String TEXT = text(10); // ~70 chunks in 10 batches: every kind of statement, each one killed at
    static final PostgresStoreOptions STORE_OPTIONS = PostgresStoreOptions.builder().batchChunks(7).build();
    /** The exit status of a child that ran the document to its end. */
    static final int COMPLETED_STATUS = 0;
    /** What the child prints after the kinds of its statements when it ran to the end. */
    static final String DONE = "DONE";

    private CrashingRun() {
    }

    /**
     * Runs the document into a collection in a child JVM.
     *
     * @param args the JDBC URL, the schema, the collection, the statement to halt before (0: none)
     * @throws IOException if the run failed to read its document
     */
    public static void main(String[] args) throws IOException {
        HikariDataSource target = pool(args[0], args[1]);
        long haltAt = Long.parseLong(args[3]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DataSource counted = CountingDataSource.wrap(target, haltAt, haltAt == 0 ? out : null);
        PostgresChunkStore store = PostgresChunkStore.create(counted,
                PostgresStoreOptions.builder().batchChunks(STORE_OPTIONS.batchChunks()).migrate(false).build());
        OperationResult result = run(store, CollectionId.of(args[2]));
        result.throwFailure();
        out.println(DONE);
        System.exit(COMPLETED_STATUS);
    }

    /**
     * A pool over a schema whose sessions do not wait for the server's disk at commit: the JVM
     * dies here, not the server, and a commit stays atomic and visible to the next session all the
     * same. Pooled, as {@link PostgresChunkStore#open} pools, so a run does not open a connection per
     * transaction.
     */
    static HikariDataSource pool(String url, String schema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setCurrentSchema(schema);
        source.setOptions("-c synchronous_commit=off");
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Runs (or resumes) the document into a collection of a store, which is both sink and checkpoint store. */
    static OperationResult run(PostgresChunkStore store, CollectionId collection) {
        PostgresChunkWriter writer = store.writer(collection);
        try (ChunkingOperations operations = ChunkingOperations.builder().executor(Runnable::run).maxConcurrent(1).build()) {
            return operations.run(OperationRequest.builder(collection, DOCUMENT, CHUNKING,
                            DocumentSource.ofBytes("crash.md", TEXT.getBytes(StandardCharsets.UTF_8)), writer)
                    .checkpoints(store)
                    .options(OperationOptions.builder().bufferSize(512).checkpointEveryChunks(5).build())
                    .build());
        }
    }

    /**
     * Paragraphs of sentences in many scripts (accents, CJK, Cyrillic, Greek, Arabic, Devanagari,
     * emoji), the same every time; fewer paragraphs give a prefix of more.
     */
    static String text(int paragraphs) {
        String[][] words = {
            {"chunks", "commit", "together", "with", "their", "checkpoint", "after", "every", "batch"},
            {"\u00e9t\u00e9", "fen\u00eatre", "d\u00e9j\u00e0", "gar\u00e7on", "\u0153uvre", "na\u00efve"},
            {"Stra\u00dfe", "\u00fcber", "Gr\u00f6\u00dfe", "M\u00e4rchen"},
            {"\u6587\u6863", "\u5206\u5757", "\u6570\u636e\u5e93", "\u4e8b\u52a1", "\u68c0\u67e5\u70b9"},
            {"\u3053\u3093\u306b\u3061\u306f", "\u30c7\u30fc\u30bf", "\u6771\u4eac"},
            {"\u0434\u043e\u043a\u0443\u043c\u0435\u043d\u0442", "\u0442\u0440\u0430\u043d\u0437\u0430\u043a\u0446\u0438\u044f"},
            {"\u03ba\u03b5\u03af\u03bc\u03b5\u03bd\u03bf", "\u03b4\u03b5\u03b4\u03bf\u03bc\u03ad\u03bd\u03b1"},
            {"\u0645\u0633\u062a\u0646\u062f", "\u0628\u064a\u0627\u0646\u0627\u062a"},
            {"\u0926\u0938\u094d\u0924\u093e\u0935\u0947\u091c\u093c", "\u0921\u0947\u091f\u093e"},
            {"\ud83d\udc69\u200d\ud83d\udcbb", "\ud83d\ude80", "\ud83c\uddeb\ud83c\uddf7"},
        };
        Random random = new Random(15);
        StringBuilder text = new StringBuilder();
        for (int paragraph = 0; paragraph < paragraphs; paragraph++) {
            for (int sentence = 0; sentence < 3 + random.nextInt(3); sentence++) {
                int words0 = 5 + random.nextInt(10);
                for (int w = 0; w < words0; w++) {
                    String[] pool = words[random.nextInt(words.length)];
                    text.append(w == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
                }
                text.append(". ");
            }
            text.append("\n\n");
        }
        return text.toString();
    }
}
