package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.PostgresChunkStore;
import dev.chunking.postgres.PostgresStoreOptions;
import dev.chunking.postgres.TestDatabase;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code chunk --store} and {@code chunk health} against the real server, each test in a schema of its own. */
class StoreCommandIT extends CommandTestSupport {
    private static final CollectionId DOCS = CollectionId.of("docs");

    private TestDatabase database;
    private PostgresChunkStore store;

    @BeforeEach
    void openSchema() throws Exception {
        database = new TestDatabase();
        store = PostgresChunkStore.open(database.url(), PostgresStoreOptions.defaults());
    }

    @AfterEach
    void dropSchema() throws Exception {
        store.close();
        database.close();
    }

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), System::nanoTime, false).run(args);
    }

    /** What an uninterrupted in-process run with --size 200 --overlap 20 makes of a file. */
    static List<Chunk> chunksOf(Path file, int size, int overlap) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(size).overlap(overlap).build());
        new StreamingChunker(chunking, OperationOptions.defaults()).run(DocumentId.of(file.toString()), ByteSource.file(file),
                chunks::add);
        return chunks;
    }

    static List<Chunk> stored(PostgresChunkStore store, CollectionId collection, Path file) {
        List<Chunk> chunks = new ArrayList<>();
        store.read(collection, DocumentId.of(file.toString()), chunks::add);
        return chunks;
    }

    private static String text(int sentences) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            s.append("Sentence ").append(i).append(" of the caf\u00e9 text, with \ud83d\ude00 in it.").append(i % 7 == 0 ? "\n\n" : " ");
        }
        return s.toString();
    }

    @Test
    void storesEachFilesChunksAndPrintsOneSummaryLinePerFile() throws IOException {
        Path a = file("a.txt", text(300));
        Path b = file("b.txt", text(40));
        assertThat(run("--store", database.url(), "--collection", "docs", "--size", "200", "--overlap", "20", a.toString(),
                b.toString())).as(err()).isZero();

        List<Chunk> expectedA = chunksOf(a, 200, 20);
        List<Chunk> expectedB = chunksOf(b, 200, 20);
        assertThat(stored(store, DOCS, a)).isEqualTo(expectedA);
        assertThat(stored(store, DOCS, b)).isEqualTo(expectedB);
        assertThat(out().lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches(a + "\tchunks " + expectedA.size() + "\tbytes " + a.toFile().length()
                        + "\t\\d+\\.\\d{3} s"),
                line -> assertThat(line).matches(b + "\tchunks " + expectedB.size() + "\tbytes " + b.toFile().length()
                        + "\t\\d+\\.\\d{3} s"));
        assertThat(err()).isEmpty();
    }

    @Test
    void replacesADocumentStoredAgainWithOtherOptionsWithoutDuplicates() throws IOException {
        Path a = file("a.txt", text(200));
        assertThat(run("--store", database.url(), "--collection", "docs", "--size", "100", "--overlap", "0", a.toString()))
                .as(err()).isZero();
        assertThat(run("--store", database.url(), "--collection", "docs", "--size", "300", "--overlap", "30", a.toString()))
                .as(err()).isZero();

        List<Chunk> expected = chunksOf(a, 300, 30);
        assertThat(stored(store, DOCS, a)).isEqualTo(expected);
        assertThat(store.count(DOCS)).isEqualTo(expected.size());
    }

    @Test
    void completesACheckpointedRunAndDeletesItsCheckpoint() throws IOException {
        Path a = file("a.txt", text(500));
        String[] args = {"--store", database.url(), "--collection", "docs", "--checkpoint", "--checkpoint-every", "10", "--size",
            "200", "--overlap", "20", a.toString()};
        assertThat(run(args)).as(err()).isZero();
        assertThat(run(args)).as("a second run chunks the document again; " + err()).isZero();

        assertThat(stored(store, DOCS, a)).isEqualTo(chunksOf(a, 200, 20));
        assertThat(store.load(DOCS, DocumentId.of(a.toString()))).isEmpty();
    }

    @Test
    void printsThePartitionHealthTable() throws IOException {
        Path a = file("a.txt", text(100));
        assertThat(run("--store", database.url(), "--collection", "docs", a.toString())).as(err()).isZero();
        out.reset();

        assertThat(run("health", "--store", database.url())).as(err()).isZero();
        assertThat(out()).isEqualTo(store.health().table()).contains("1 of 100 partitions used");
        assertThat(err()).isEmpty();
    }

    @Test
    void reportsADatabaseThatDoesNotExistAsARuntimeFailureOnOneLine() throws IOException {
        Path a = file("a.txt", text(10));
        String missing = TestDatabase.URL.replaceFirst("/test(\\?|$)", "/chunking_no_such_database$1");
        assertThat(run("--store", missing, "--collection", "docs", a.toString())).isEqualTo(1);
        assertThat(err().lines()).singleElement().asString().startsWith("chunk: cannot connect to ")
                .contains("chunking_no_such_database", "does not exist").doesNotContain("Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void reportsHealthOfASchemaWithoutChunkTablesOnOneLine() throws Exception {
        try (TestDatabase empty = new TestDatabase()) {
            assertThat(run("health", "--store", empty.url())).isEqualTo(1);
        }
        assertThat(err().lines()).singleElement().asString().startsWith("chunk: ").contains("no chunks were ever stored");
    }
}
