package dev.chunking.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * One document more than three times larger than the whole heap of the JVM that runs Spark's driver
 * and executor (the module's pom gives the failsafe JVM a small {@code -Xmx}; {@link TestSpark} lets
 * Spark start in it) is chunked through its path column: the file is streamed, never held, and the
 * chunk rows, aggregated by Spark and never collected, agree with the library's own run over the
 * same file.
 */
class LargeDocumentIT {
    /** The document's size: more than three times the heap the pom gives the tests' JVM. */
    static final long SIZE = 320_000_000L;

    @Test
    void aDocumentLargerThanTheHeapStreamsThroughTheExecutorAndItsRowsAgreeWithTheLibrarysRun() throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(SIZE).as("document bytes vs heap %d", heap).isGreaterThan(3 * heap);
        Path file = Path.of("target", "large-document.txt").toAbsolutePath();
        GeneratedText.write(file, SIZE, 21);
        SparkSession spark = TestSpark.session();
        try {
            Row totals = SparkChunking.of(ChunkingSpec.defaults("recursive")).columns(DocumentColumns.paths("id", "text"))
                    .chunk(spark.createDataFrame(List.of(RowFactory.create("large", file.toString())),
                            new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)))
                    .agg(count("*"), sum(col(ChunkColumns.END_BYTE).minus(col(ChunkColumns.START_BYTE))),
                            sum(octet_length(col(ChunkColumns.TEXT))), max(ChunkColumns.END_BYTE), sum(ChunkColumns.SIZE),
                            sum(ChunkColumns.START_CP))
                    .first();
            long[] expected = new long[6];
            new StreamingChunker(Chunking.of("recursive", ChunkingOptions.defaults()), OperationOptions.defaults())
                    .run(DocumentId.of("large"), ByteSource.file(file), chunk -> {
                        expected[0]++;
                        expected[1] += chunk.byteEnd() - chunk.byteStart();
                        expected[2] += chunk.content().byteLength();
                        expected[3] = Math.max(expected[3], chunk.byteEnd());
                        expected[4] += chunk.size();
                        expected[5] += chunk.start();
                    });
            assertThat(new long[] {totals.getLong(0), totals.getLong(1), totals.getLong(2), totals.getLong(3), totals.getLong(4),
                totals.getLong(5)}).isEqualTo(expected);
            assertThat(expected[3]).isEqualTo(SIZE);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
