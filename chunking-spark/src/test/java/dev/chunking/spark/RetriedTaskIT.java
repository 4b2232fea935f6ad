package dev.chunking.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that fails after some of its rows went to Spark's Parquet writer is run again, and the
 * written data set holds every chunk exactly once: Spark's commit protocol drops the failed
 * attempt's files, and the retried attempt makes the same rows.
 */
class RetriedTaskIT {

    @Test
    void aTaskThatFailedHalfwayIsRetriedAndTheParquetOutputHasEveryChunkOnce(@TempDir Path dir) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(200).overlap(20).build();
        List<String> texts = new ArrayList<>();
        for (String name : RealDocuments.NAMES) {
            texts.add(new String(RealDocuments.read(name), StandardCharsets.UTF_8));
        }
        Dataset<Row> documents = TestSpark.documents(RealDocuments.NAMES, texts).repartition(2);
        String out = dir.resolve("chunks.parquet").toString();
        int before = FailsOnceStrategy.FAILURES.get();
        FailsOnceStrategy.SEEN.set(0);

        SparkChunking.of(ChunkingSpec.of(FailsOnceStrategy.NAME, options)).chunk(documents).write().parquet(out);

        assertThat(FailsOnceStrategy.FAILURES.get() - before).as("tasks failed on purpose").isEqualTo(1);
        Dataset<Row> written = TestSpark.session().read().parquet(out);
        assertThat(written.select(ChunkColumns.DOCUMENT, ChunkColumns.CHUNK_INDEX).distinct().count()).isEqualTo(written.count());
        assertThat(ChunkRow.sorted(written.collectAsList()))
                .isEqualTo(SparkChunkingIT.direct(Chunking.of("recursive", options), RealDocuments.NAMES, texts));
    }
}
