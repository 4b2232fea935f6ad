package dev.chunking.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.RealDocuments;
import dev.chunking.testing.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On Spark local[2], the chunk rows are exactly the library's own chunks, field for field: on the
 * real documents of core's test resources with every built-in strategy, and on generated text of
 * every script; and the same rows come out whatever the number of partitions.
 */
class SparkChunkingIT {

    @ParameterizedTest
    @ValueSource(strings = {"character", "recursive", "markdown", "semantic", "hierarchical", "hybrid"})
    void theRowsOfTheRealDocumentsAreTheLibrarysChunksForEveryStrategy(String strategy) {
        ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(400).overlap(40);
        if (strategy.equals("hierarchical")) {
            // its overlap applies to its finest level (128) and each level re-cuts its parents' text, overlaps included:
            // 40 would repeat the text about 3 times at the finest level, and the rows of every real document, collected
            // at once, would not fit the tests' small heap (see the pom), which 10 does
            builder.overlap(10);
        }
        ChunkingOptions options = builder.build();
        List<String> texts = new ArrayList<>();
        for (String name : RealDocuments.NAMES) {
            texts.add(new String(RealDocuments.read(name), StandardCharsets.UTF_8));
        }
        Dataset<Row> chunks = SparkChunking.of(ChunkingSpec.of(strategy, options)).chunk(TestSpark.documents(RealDocuments.NAMES, texts));

        assertThat(ChunkRow.sorted(chunks.collectAsList())).isEqualTo(direct(Chunking.of(strategy, options), RealDocuments.NAMES, texts));
    }

    @Property(tries = 5, shrinking = ShrinkingMode.OFF)
    void theRowsOfGeneratedTextInEveryScriptAreTheLibrarysChunks(@ForAll("corpora") List<String> texts) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(64).overlap(8).minSize(16).build();
        List<String> ids = ids(texts.size());
        Dataset<Row> chunks = SparkChunking.of(ChunkingSpec.of("recursive", options)).chunk(TestSpark.documents(ids, texts).repartition(3));

        assertThat(ChunkRow.sorted(chunks.collectAsList())).isEqualTo(direct(Chunking.of("recursive", options), ids, texts));
    }

    @Provide
    Arbitrary<List<String>> corpora() {
        return Texts.documents().list().ofMinSize(1).ofMaxSize(24);
    }

    @Test
    void oneTwoOrEightPartitionsGiveTheSameRowsInTheSameOrderWithinEachDocument() {
        List<String> texts = new ArrayList<>();
        for (String name : RealDocuments.NAMES) {
            texts.add(new String(RealDocuments.read(name), StandardCharsets.UTF_8));
        }
        Dataset<Row> documents = TestSpark.documents(RealDocuments.NAMES, texts);
        SparkChunking chunking = SparkChunking.of(ChunkingSpec.defaults("markdown"));

        List<List<ChunkRow>> outputs = new ArrayList<>();
        for (int partitions : new int[] {1, 2, 8}) {
            Dataset<Row> input = documents.repartition(partitions);
            assertThat(input.rdd().getNumPartitions()).isEqualTo(partitions);
            List<ChunkRow> rows = new ArrayList<>();
            for (Row row : chunking.chunk(input).collectAsList()) {
                rows.add(ChunkRow.of(row));
            }
            assertThat(rows).isSortedAccordingTo((a, b) -> a.document().equals(b.document())
                    ? Long.compare(a.index(), b.index()) : 0); // a document's chunks in index order within its partition
            rows.sort(ChunkRow.ORDER);
            outputs.add(rows);
        }
        assertThat(outputs.get(0)).isNotEmpty().isEqualTo(outputs.get(1)).isEqualTo(outputs.get(2));
    }

    @Test
    void integerIdsBecomeTheirDecimalStrings() {
        Dataset<Row> documents = TestSpark.session().sql("SELECT CAST(id AS INT) AS id, concat('text of ', id) AS text FROM range(3)");

        List<Row> rows = SparkChunking.of(ChunkingSpec.defaults("recursive")).chunk(documents)
                .orderBy(ChunkColumns.DOCUMENT).collectAsList();

        assertThat(rows).extracting(r -> r.getString(0) + ": " + r.getString(2))
                .containsExactly("0: text of 0", "1: text of 1", "2: text of 2");
        assertThat(TestSpark.session().createDataFrame(new ArrayList<Row>(), ChunkColumns.schema()).schema())
                .isEqualTo(SparkChunking.of(ChunkingSpec.defaults("recursive")).chunk(documents).schema());
    }

    static List<ChunkRow> direct(Chunking chunking, List<String> ids, List<String> texts) {
        List<ChunkRow> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (Chunk chunk : chunking.chunk(DocumentId.of(ids.get(i)), texts.get(i))) {
                rows.add(ChunkRow.of(chunk));
            }
        }
        rows.sort(ChunkRow.ORDER);
        return rows;
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("doc-" + i);
        }
        return ids;
    }
}
