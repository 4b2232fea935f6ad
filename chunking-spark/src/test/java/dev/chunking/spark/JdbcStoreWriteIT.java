package dev.chunking.spark;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.PostgresChunkStore;
import dev.chunking.postgres.PostgresStoreOptions;
import dev.chunking.postgres.TestDatabase;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;

/**
 * Spark's own JDBC writer appends the chunk rows to the PostgreSQL store's {@code chunks} table
 * (the columns already have its names; the writer adds the collection, its partition and a
 * generation), one row in {@code chunk_documents} per document makes that generation the visible
 * one, and the store then reads back exactly the library's chunks. On the test server, in a schema
 * of the test's own that is dropped afterwards.
 */
class JdbcStoreWriteIT {

    @Test
    void theStoreReadsBackTheLibrarysChunksAfterSparksJdbcWriterAppendedThem() throws Exception {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(500).overlap(50).build();
        List<String> names = RealDocuments.NAMES.subList(0, 6);
        List<String> texts = new ArrayList<>();
        for (String name : names) {
            texts.add(new String(RealDocuments.read(name), StandardCharsets.UTF_8));
        }
        CollectionId collection = CollectionId.of("spark-corpus");
        try (TestDatabase db = new TestDatabase(); PostgresChunkStore store = db.store(PostgresStoreOptions.defaults())) {
            int bucket = bucketOf(db, collection);
            Dataset<Row> chunks = SparkChunking.of(ChunkingSpec.of("markdown", options)).chunk(TestSpark.documents(names, texts));

            chunks.withColumn("bucket", lit(bucket).cast("smallint"))
                    .withColumn("collection", lit(collection.value()))
                    .withColumn("generation", lit(1L))
                    .write().mode(SaveMode.Append).jdbc(db.url(), "chunks", new Properties());
            try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO chunk_documents"
                    + " (collection, document, bucket, current_generation, chunk_count)"
                    + " SELECT collection, document, bucket, generation, count(*) FROM chunks WHERE collection = ?"
                    + " GROUP BY collection, document, bucket, generation")) {
                s.setString(1, collection.value());
                assertThat(s.executeUpdate()).isEqualTo(names.size());
            }

            List<ChunkRow> read = new ArrayList<>();
            for (String name : names) {
                store.read(collection, DocumentId.of(name), chunk -> read.add(ChunkRow.of(chunk)));
            }
            read.sort(ChunkRow.ORDER);
            assertThat(read).isEqualTo(SparkChunkingIT.direct(Chunking.of("markdown", options), names, texts));
            assertThat(store.count(collection)).isEqualTo(read.size());
        }
    }

    /** The collection's partition, chosen (and kept) by the store's own function. */
    private static int bucketOf(TestDatabase db, CollectionId collection) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT chunking_collection_bucket(?)")) {
            s.setString(1, collection.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
