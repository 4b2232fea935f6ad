package dev.chunking.postgres;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.postgres.internal.Partitions;
import dev.chunking.spi.Chunker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the store ITs share: a multilingual Markdown document, chunkers, writes through the sink, and direct SQL counts. */
final class StoreFixtures {
    /** Markdown in several scripts, with front matter, nested headings, a table, code and lists. */
    static final String MULTILINGUAL = """
            ---
            title: Chunking "everywhere"
            lang: multi
            ---
            # Introduction \u00e9t\u00e9

            Chunking splits documents into pieces. Les documents fran\u00e7ais ont des accents: \u00e0 \u00e9 \u00e8 \u00fc \u00e7.
            \u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3082\u3042\u308a\u307e\u3059\u3002\u4e2d\u6587\u4e5f\u6709\u3002 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 families and \ud83c\uddfa\ud83c\uddf8 flags.

            ## \u0420\u0443\u0441\u0441\u043a\u0438\u0439 \u0440\u0430\u0437\u0434\u0435\u043b

            \u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! \u042d\u0442\u043e \u0442\u0435\u043a\u0441\u0442 \u043d\u0430 \u0440\u0443\u0441\u0441\u043a\u043e\u043c \u044f\u0437\u044b\u043a\u0435, \u0434\u043e\u0441\u0442\u0430\u0442\u043e\u0447\u043d\u043e \u0434\u043b\u0438\u043d\u043d\u044b\u0439 \u0434\u043b\u044f \u043d\u0435\u0441\u043a\u043e\u043b\u044c\u043a\u0438\u0445 \u043a\u0443\u0441\u043a\u043e\u0432.

            ### A table with a "quoted" \\ heading

            | name | value |
            |------|-------|
            | \u0627\u0644\u0639\u0631\u0628\u064a\u0629 | \u05e9\u05dc\u05d5\u05dd |
            | \ud55c\uad6d\uc5b4 | \u0e01\u0e33 |
            | e\u0301\u0308 | \u0915\u094d\u0937 |

            ## Code

            ```java
            # not a heading
            String s = "tab\\there";
            ```

            - item one with some words in it
            - item two, \u00fcber na\u00efve caf\u00e9
              continued line

            # Second part

            Another paragraph of prose. It has several sentences. Each sentence adds text! Does it end? Yes.
            More prose follows here, so that the chunker must cut more than once at this size.
            """.repeat(3);

    private StoreFixtures() {
    }

    /** A collection id no other test uses. */
    static CollectionId newCollection() {
        return CollectionId.of("c-" + UUID.randomUUID());
    }

    /** The chunker of a strategy at sizes that cut {@link #MULTILINGUAL} into dozens of chunks. */
    static Chunking chunking(String strategy) {
        ChunkingOptions.Builder options = ChunkingOptions.builder().maxSize(160).overlap(20);
        if ("hierarchical".equals(strategy)) {
            options.parameter("levels", "400,160");
        }
        return Chunking.of(strategy, options.build());
    }

    /** Streams a document through the chunker into the writer and completes it. */
    static void writeThroughChunker(PostgresChunkWriter writer, Chunking chunking, DocumentId document, String text) {
        try (Chunker chunker = chunking.open(document, writer)) {
            chunker.feed(text);
            chunker.finish();
        }
        writer.complete(document);
    }

    /** Hands chunks to a writer and completes their document. */
    static void writeAll(PostgresChunkWriter writer, DocumentId document, List<Chunk> chunks) {
        chunks.forEach(writer::accept);
        writer.complete(document);
    }

    /** Everything a document reads back. */
    static List<Chunk> read(PostgresChunkStore store, CollectionId collection, DocumentId document) {
        List<Chunk> chunks = new ArrayList<>();
        long n = store.read(collection, document, chunks::add);
        if (n != chunks.size()) {
            throw new AssertionError("read returned " + n + " but handed over " + chunks.size());
        }
        return chunks;
    }

    /** A checkpoint of a run standing before chunk {@code nextIndex}, marked completed when asked. */
    static Checkpoint checkpoint(CollectionId collection, DocumentId document, long nextIndex, boolean completed) {
        ResumePoint position = new ResumePoint(nextIndex * 10, nextIndex * 10, nextIndex * 10, nextIndex * 10, nextIndex, 0);
        return new Checkpoint(Checkpoint.FORMAT_VERSION, collection, document, "recursive",
                ChunkingOptions.builder().maxSize(160).overlap(20).build(),
                new SourceFingerprint(4096, 1_700_000_000_000L, "a".repeat(64), "b".repeat(64)), position,
                completed ? Map.of(Checkpoint.COMPLETED_ATTRIBUTE, "true") : Map.of("host.note", "at " + nextIndex));
    }

    /** Rows of a document in its collection's partition, of every generation, counted with SQL. */
    static long rows(TestDatabase database, PostgresChunkStore store, CollectionId collection, DocumentId document)
            throws SQLException {
        int bucket = store.partitionOf(collection).orElseThrow();
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + Partitions.table(bucket)
                     + " WHERE collection = ?" + (document == null ? "" : " AND document = ?"))) {
            s.setString(1, collection.value());
            if (document != null) {
                s.setString(2, document.value());
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rows of a collection in the whole chunks table (all 100 partitions), counted with SQL. */
    static long rowsAnywhere(TestDatabase database, CollectionId collection) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM chunks WHERE collection = ?")) {
            s.setString(1, collection.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The chunk_documents row of a document as "current/pending/count", or null when it has none. */
    static String documentRow(TestDatabase database, CollectionId collection, DocumentId document) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT current_generation, pending_generation, chunk_count"
                     + " FROM chunk_documents WHERE collection = ? AND document = ?")) {
            s.setString(1, collection.value());
            s.setString(2, document.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getLong(3) : null;
            }
        }
    }
}
