package dev.chunking.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One document's chunks, pulled a slice or a buffer at a time, are the chunks of the library's
 * one-call and streaming runs: also where a slice boundary cuts a surrogate pair, and for an empty
 * file, one that holds a byte order mark only and one shorter than a byte order mark. No Spark here.
 */
class DocumentChunksTest {
    private final Chunking chunking = Chunking.recursive(100, 10);

    @Test
    void aTextWhoseSliceBoundaryCutsASurrogatePairGivesTheOneCallChunks() {
        String text = "a" + "\ud83d\ude00".repeat(40_000) + " end"; // char 65535 is a high surrogate, 65536 its low one
        assertThat(Character.isHighSurrogate(text.charAt(DocumentChunks.BUFFER - 1))).isTrue();

        assertThat(pulled(DocumentChunks.ofText(chunking, DocumentId.of("d"), text)))
                .isEqualTo(chunking.chunk(DocumentId.of("d"), text));
    }

    @Test
    void anEmptyFileAByteOrderMarkAloneAndTwoBytesGiveTheStreamingChunkersChunks(@TempDir Path dir) throws IOException {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path bom = Files.write(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Path two = Files.write(dir.resolve("two.txt"), new byte[] {'a', 'b'}); // shorter than a byte order mark

        for (Path file : List.of(empty, bom, two)) {
            List<Chunk> streamed = new ArrayList<>();
            new StreamingChunker(chunking, OperationOptions.defaults()).run(DocumentId.of("d"), ByteSource.file(file), streamed::add);
            assertThat(pulled(DocumentChunks.ofPath(chunking, DocumentId.of("d"), file.toString(), DocumentColumns.paths("id", "path"))))
                    .as(file.getFileName().toString()).isEqualTo(streamed);
        }
    }

    private static List<Chunk> pulled(DocumentChunks chunks) {
        List<Chunk> out = new ArrayList<>();
        try (chunks) {
            chunks.forEachRemaining(out::add);
        }
        return out;
    }
}
