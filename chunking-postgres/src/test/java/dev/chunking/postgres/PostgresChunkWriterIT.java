package dev.chunking.postgres;

import static dev.chunking.postgres.StoreFixtures.MULTILINGUAL;
import static dev.chunking.postgres.StoreFixtures.checkpoint;
import static dev.chunking.postgres.StoreFixtures.chunking;
import static dev.chunking.postgres.StoreFixtures.documentRow;
import static dev.chunking.postgres.StoreFixtures.newCollection;
import static dev.chunking.postgres.StoreFixtures.read;
import static dev.chunking.postgres.StoreFixtures.rows;
import static dev.chunking.postgres.StoreFixtures.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkRefusedException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the writer refuses, and the contents it must carry unchanged, on the real server: runs
 * that do not start at chunk 0, U+0000, chunks out of order, a run taken over by another, an
 * empty document, and text and metadata full of COPY's and arrays' escape characters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresChunkWriterIT {
    private static final DocumentId DOC = DocumentId.of("doc");

    private TestDatabase database;
    private PostgresChunkStore store;

    @BeforeAll
    void createSchema() throws SQLException {
        database = new TestDatabase();
        store = database.store(PostgresStoreOptions.builder().batchChunks(4).build());
    }

    @AfterAll
    void dropSchema() throws SQLException {
        store.close();
        database.close();
    }

    @Test
    void refusesARunThatStartsAtChunkFiveWithNoInterruptedRunAndSaysToStartFromChunkZero() throws SQLException {
        CollectionId collection = newCollection();
        List<Chunk> chunks = chunking("recursive").chunk(DOC, MULTILINGUAL);
        PostgresChunkWriter writer = store.writer(collection);
        chunks.subList(5, 9).forEach(writer::accept); // a full batch of 4 goes when the next chunk comes

        assertThatThrownBy(() -> writer.accept(chunks.get(9)))
                .isInstanceOf(ChunkRefusedException.class)
                .hasMessageContaining("chunk 5 of document 'doc'")
                .hasMessageContaining("no interrupted run")
                .hasMessageContaining("start the document from chunk 0");
        assertThat(rows(database, store, collection, DOC)).isZero();
        assertThat(store.count(collection, DOC)).isZero();

        writeAll(store.writer(collection), DOC, chunks);
        PostgresChunkWriter late = store.writer(collection);
        chunks.subList(5, 8).forEach(late::accept);
        assertThatThrownBy(() -> late.complete(DOC)).as("a completed document has no interrupted run either")
                .isInstanceOf(ChunkRefusedException.class).hasMessageContaining("start the document from chunk 0");
        assertThat(read(store, collection, DOC)).isEqualTo(chunks);
    }

    @Test
    void refusesAChunkHoldingUPlusZeroWithAClearMessageAndStoresNothingOfItsBatch() throws SQLException {
        CollectionId collection = newCollection();
        List<Chunk> chunks = new ArrayList<>(chunking("recursive").chunk(DOC, MULTILINGUAL).subList(0, 9));
        Chunk clean = chunks.get(5);
        int[] codePoints = clean.text().codePoints().toArray();
        codePoints[1] = 0;
        String text = new String(codePoints, 0, codePoints.length);
        chunks.set(5, new Chunk(DOC, 5, Utf8Text.of(text), clean.start(), clean.end(), clean.byteStart(),
                clean.byteStart() + Utf8Text.of(text).byteLength(), clean.size(), clean.unit(), clean.strategy(),
                clean.metadata(), 0));
        PostgresChunkWriter writer = store.writer(collection);
        chunks.subList(0, 8).forEach(writer::accept); // a full batch of 4 goes when the next chunk comes

        assertThatThrownBy(() -> writer.accept(chunks.get(8)))
                .isInstanceOf(ChunkRefusedException.class)
                .hasMessageContaining("chunk 5 of document 'doc'")
                .hasMessageContaining("U+0000")
                .hasMessageContaining("remove it from the source");
        assertThat(rows(database, store, collection, DOC)).as("the first batch only").isEqualTo(4);
        assertThat(store.count(collection, DOC)).isZero();

        Chunk nulInMetadata = new Chunk(DOC, 0, Utf8Text.of("fine"), 0, 4, 0, 4, 4, SizeUnit.CHARS, "recursive",
                new ChunkMetadata(List.of("head\u0000ing"), 1, Optional.empty(), Optional.empty(), Map.of()), 0);
        PostgresChunkWriter other = store.writer(collection);
        DocumentId second = DocumentId.of("second");
        other.accept(withDocument(nulInMetadata, second));
        assertThatThrownBy(() -> other.complete(second)).isInstanceOf(ChunkRefusedException.class)
                .hasMessageContaining("U+0000");
        assertThat(rows(database, store, collection, second)).isZero();

        DocumentId third = DocumentId.of("third");
        Chunk nulInAttribute = new Chunk(third, 0, Utf8Text.of("fine"), 0, 4, 0, 4, 4, SizeUnit.CHARS, "recursive",
                new ChunkMetadata(List.of("heading"), 1, Optional.empty(), Optional.empty(), Map.of("key", "va\u0000lue")), 0);
        PostgresChunkWriter attributes = store.writer(collection);
        attributes.accept(nulInAttribute);
        assertThatThrownBy(() -> attributes.complete(third)).isInstanceOf(ChunkRefusedException.class)
                .hasMessageContaining("chunk 0 of document 'third'").hasMessageContaining("U+0000");
        assertThat(rows(database, store, collection, third)).isZero();
    }

    @Test
    void refusesAChunkOutOfOrder() throws SQLException {
        CollectionId collection = newCollection();
        List<Chunk> chunks = chunking("recursive").chunk(DOC, MULTILINGUAL);
        PostgresChunkWriter writer = store.writer(collection);
        writer.accept(chunks.get(0));
        writer.accept(chunks.get(1));

        assertThatThrownBy(() -> writer.accept(chunks.get(3)))
                .isInstanceOf(ChunkRefusedException.class)
                .hasMessageContaining("chunk 3 of document 'doc' does not follow chunk 1")
                .hasMessageContaining("in index order");
        assertThatThrownBy(() -> writer.accept(chunks.get(1))).isInstanceOf(ChunkRefusedException.class);
        chunks.subList(2, chunks.size()).forEach(writer::accept);
        writer.complete(DOC);
        assertThat(read(store, collection, DOC)).isEqualTo(chunks);
        assertThat(rows(database, store, collection, DOC)).isEqualTo(chunks.size());
    }

    @Test
    void aSecondRunTakingTheDocumentOverMakesTheFirstWritersNextBatchFail() throws SQLException {
        CollectionId collection = newCollection();
        List<Chunk> first = chunking("recursive").chunk(DOC, MULTILINGUAL);
        List<Chunk> second = chunking("markdown").chunk(DOC, MULTILINGUAL);
        PostgresChunkWriter original = store.writer(collection);
        // a full batch of 4 goes when the next chunk comes: each writer's fifth chunk writes its first batch
        first.subList(0, 5).forEach(original::accept);
        PostgresChunkWriter takeover = store.writer(collection);
        second.subList(0, 5).forEach(takeover::accept);
        first.subList(5, 8).forEach(original::accept);

        assertThatThrownBy(() -> original.accept(first.get(8)))
                .isInstanceOf(ChunkRefusedException.class)
                .hasMessageContaining("another run of document 'doc'")
                .hasMessageContaining("took it over")
                .hasMessageContaining("one writer per document at a time");
        assertThatThrownBy(() -> original.complete(DOC)).isInstanceOf(ChunkRefusedException.class);
        second.subList(5, second.size()).forEach(takeover::accept);
        takeover.complete(DOC);
        assertThat(read(store, collection, DOC)).isEqualTo(second);
        assertThat(rows(database, store, collection, DOC)).isEqualTo(second.size());
    }

    @Test
    void aResumedRunWhoseCheckpointEqualsTheChunkCountCompletesTheStoredChunks() throws SQLException {
        CollectionId collection = newCollection();
        List<Chunk> chunks = chunking("recursive").chunk(DOC, MULTILINGUAL);
        PostgresChunkWriter killed = store.writer(collection);
        chunks.forEach(killed::accept);
        killed.commit(checkpoint(collection, DOC, chunks.size(), false)); // then killed before completing

        store.writer(collection).commit(checkpoint(collection, DOC, chunks.size(), true)); // resumed: no chunk is left
        assertThat(read(store, collection, DOC)).isEqualTo(chunks);
        assertThat(rows(database, store, collection, DOC)).isEqualTo(chunks.size());
    }

    @Test
    void aWriterReusedForTheNextDocumentStillCompletesThePreviousOneWithItsChunks() throws SQLException {
        CollectionId collection = newCollection();
        DocumentId other = DocumentId.of("other");
        List<Chunk> first = chunking("recursive").chunk(DOC, MULTILINGUAL);
        List<Chunk> second = chunking("recursive").chunk(other, MULTILINGUAL);
        PostgresChunkWriter writer = store.writer(collection);
        first.forEach(writer::accept);
        second.subList(0, 3).forEach(writer::accept); // the next document starts before the first is completed
        writer.complete(DOC);
        second.subList(3, second.size()).forEach(writer::accept);
        writer.complete(other);

        assertThat(read(store, collection, DOC)).isEqualTo(first);
        assertThat(read(store, collection, other)).isEqualTo(second);
        assertThat(rows(database, store, collection, null)).isEqualTo(first.size() + second.size());
    }

    @Test
    void anEmptyDocumentCompletesWithNoChunksYetExists() throws SQLException {
        CollectionId collection = newCollection();
        DocumentId empty = DocumentId.of("empty");
        store.writer(collection).complete(empty);

        assertThat(store.count(collection, empty)).isZero();
        assertThat(store.count(collection)).isZero();
        assertThat(store.read(collection, empty, c -> {
            throw new AssertionError("no chunk expected: " + c);
        })).isZero();
        assertThat(documentRow(database, collection, empty)).as("current/pending/count").matches("\\d+/null/0");

        List<Chunk> chunks = chunking("recursive").chunk(DOC, MULTILINGUAL);
        writeAll(store.writer(collection), DOC, chunks);
        store.writer(collection).complete(DOC);
        assertThat(read(store, collection, DOC)).as("re-chunked to nothing").isEmpty();
        assertThat(rows(database, store, collection, DOC)).isZero();
        assertThat(documentRow(database, collection, DOC)).matches("\\d+/null/0");
    }

    @Test
    void roundTripsTextHeadingsAndMetadataFullOfTabsNewlinesBackslashesAndQuotes() {
        CollectionId collection = newCollection();
        String[] texts = {"tab\there", "line\nbreak\r\nand\rcarriage", "back\\slash \\N \\t \\\\", "\"double\" 'single' `tick`",
            "{braces},[brackets],(parens)", "NULL", "\\.", "emoji \ud83d\ude00 \u00e9\u0301 \u6f22"};
        List<ChunkMetadata> metadata = List.of(
                new ChunkMetadata(List.of("A \"quoted\" heading", "back\\slash", "tab\there"), 2, Optional.of("id\t\"1\""),
                        Optional.of("parent\\0"), Map.of("tab", "a\tb", "newline", "a\nb", "backslash", "a\\b", "quotes", "\"'\"")),
                new ChunkMetadata(List.of("NULL", "", "{a,b}", "comma, here", " spaced "), 0, Optional.empty(), Optional.of("NULL"),
                        Map.of("json", "{\"k\": [1, \"v\"]}", "unicode", "\u00e9\ud83d\ude00\u2028", "", "empty key")),
                new ChunkMetadata(List.of("\\\"", "\\"), 5, Optional.of("\\N"), Optional.empty(), Map.of()),
                ChunkMetadata.NONE,
                new ChunkMetadata(List.of(), 0, Optional.empty(), Optional.empty(), Map.of("k\t\"\\", "v\r\n\\\"")),
                new ChunkMetadata(List.of("only"), 0, Optional.of(""), Optional.of(" "), Map.of()),
                new ChunkMetadata(List.of("line\nbreak heading"), 1, Optional.empty(), Optional.empty(), Map.of("x", "")),
                new ChunkMetadata(List.of("\u6f22\u5b57 \"\u00e9\""), 3, Optional.of("\ud83d\ude00"), Optional.of("\u00e9"),
                        Map.of("\u00e9", "\u6f22")));
        List<Chunk> chunks = new ArrayList<>();
        long cp = 0;
        long bytes = 0;
        for (int i = 0; i < texts.length; i++) {
            Utf8Text content = Utf8Text.of(texts[i]);
            chunks.add(new Chunk(DOC, i, content, cp, cp + content.codePointLength(), bytes, bytes + content.byteLength(),
                    content.codePointLength(), SizeUnit.CHARS, "hand\tmade \"strategy\"", metadata.get(i), i % 3));
            cp += content.codePointLength();
            bytes += content.byteLength();
        }
        writeAll(store.writer(collection), DOC, chunks);

        List<Chunk> stored = read(store, collection, DOC);
        assertThat(stored).hasSameSizeAs(chunks);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(stored.get(i)).as("chunk %d", i).isEqualTo(chunks.get(i));
        }
    }

    private static Chunk withDocument(Chunk c, DocumentId document) {
        return new Chunk(document, c.index(), c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(), c.unit(),
                c.strategy(), c.metadata(), c.replacements());
    }
}
