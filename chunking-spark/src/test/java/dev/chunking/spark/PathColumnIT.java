package dev.chunking.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.operation.OperationOptions;
import dev.chunking.testing.RealDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path column: each file is read as a stream on the executor, and its rows are exactly the chunks
 * {@code StreamingChunker} makes of the same file on one machine, a leading byte order mark skipped
 * and counted in the offsets as there; plain and {@code file:} paths alike.
 */
class PathColumnIT {

    @Test
    void theRowsOfFilesAreTheChunksTheStreamingChunkerMakesOfThem(@TempDir Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String name : List.of("documents/multilingual.txt", "documents/guide.md", "prose/nodejs-stream.md",
                "markdown/requests-HISTORY.md")) {
            Path file = dir.resolve(name.replace('/', '-'));
            Files.write(file, RealDocuments.read(name));
            ids.add(name);
            paths.add(ids.size() % 2 == 0 ? file.toUri().toString() : file.toString());
        }
        Path bom = dir.resolve("bom.txt");
        byte[] text = RealDocuments.read("documents/multilingual.txt");
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(bom, withBom);
        ids.add("with a byte order mark");
        paths.add(bom.toString());
        ChunkingOptions options = ChunkingOptions.builder().maxSize(300).overlap(30).build();

        Dataset<Row> chunks = SparkChunking.of(ChunkingSpec.of("markdown", options)).columns(DocumentColumns.paths("id", "text"))
                .chunk(TestSpark.documents(ids, paths).repartition(2));

        Chunking chunking = Chunking.of("markdown", options);
        List<ChunkRow> expected = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            new StreamingChunker(chunking, OperationOptions.defaults())
                    .run(DocumentId.of(ids.get(i)), ByteSource.file(Path.of(paths.get(i).replace("file://", ""))),
                            chunk -> expected.add(ChunkRow.of(chunk)));
        }
        expected.sort(ChunkRow.ORDER);
        List<ChunkRow> rows = ChunkRow.sorted(chunks.collectAsList());
        assertThat(rows).isEqualTo(expected);
        assertThat(rows).filteredOn(r -> r.document().equals("with a byte order mark") && r.index() == 0)
                .singleElement().satisfies(r -> assertThat(r.byteStart()).isEqualTo(3));
    }
}
