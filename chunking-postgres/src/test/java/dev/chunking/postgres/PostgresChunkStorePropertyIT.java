package dev.chunking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import dev.chunking.testing.Texts;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever the text and however the writer batches it, a completed document reads back from the
 * real server exactly as the chunker made it in memory. Few tries: each one writes to the server.
 */
class PostgresChunkStorePropertyIT {
    private static final CollectionId COLLECTION = CollectionId.of("property");
    private static final AtomicLong DOCUMENTS = new AtomicLong();
    private static TestDatabase database;

    @BeforeContainer
    static void createSchema() throws SQLException {
        database = new TestDatabase();
        database.store(PostgresStoreOptions.defaults()).close();
    }

    @AfterContainer
    static void dropSchema() throws SQLException {
        database.close();
    }

    @Property(tries = 30)
    void aCompletedDocumentReadsBackExactlyAsChunkedInMemory(@ForAll("texts") String text,
                                                              @ForAll("strategies") String strategy,
                                                              @ForAll @IntRange(min = 1, max = 50) int batchChunks) {
        PostgresChunkStore store = database.store(PostgresStoreOptions.builder().batchChunks(batchChunks)
                .fetchSize(1 + batchChunks % 7).migrate(false).build());
        DocumentId document = DocumentId.of("doc-" + DOCUMENTS.incrementAndGet());
        Chunking chunking = chunking(strategy);
        List<Chunk> expected = chunking.chunk(document, text);
        PostgresChunkWriter writer = store.writer(COLLECTION);
        try (Chunker chunker = chunking.open(document, writer)) {
            chunker.feed(text);
            chunker.finish();
        }
        writer.complete(document);

        assertThat(StoreFixtures.read(store, COLLECTION, document)).isEqualTo(expected);
        assertThat(store.count(COLLECTION, document)).isEqualTo(expected.size());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown()).map(s -> s.replace("\u0000", ""));
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of("recursive", "markdown", "hierarchical");
    }

    private static Chunking chunking(String strategy) {
        ChunkingOptions.Builder options = ChunkingOptions.builder().maxSize(24).overlap(4);
        if ("hierarchical".equals(strategy)) {
            options.parameter("levels", "60,24");
        }
        return Chunking.of(strategy, options.build());
    }
}
