package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of malformed input, under each policy, through files read in buffers of every small size. */
class MalformedInputPolicyTest {
    @TempDir
    Path dir;

    private List<Chunk> run(byte[] bytes, MalformedInputPolicy policy, int buffer) throws IOException {
        Path file = Files.write(dir.resolve("in.bin"), bytes);
        List<Chunk> chunks = new ArrayList<>();
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(100).overlap(0).malformedInput(policy).build());
        new StreamingChunker(chunking, OperationOptions.builder().bufferSize(buffer).build())
                .run(DocumentId.of("in.bin"), ByteSource.file(file), chunks::add);
        return chunks;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated at end of file     | 41 E2 82      | 1 | E282   | A\ufffd",
        "overlong encoding            | 41 C0 AF 42   | 1 | C0     | A\ufffd\ufffdB",
        "overlong three-byte form     | E0 80 AF      | 0 | E080   | \ufffd\ufffd\ufffd",
        "surrogate encoded in UTF-8   | 41 ED A0 80   | 1 | EDA0   | A\ufffd\ufffd\ufffd",
        "byte F5                      | F5 41         | 0 | F5     | \ufffdA",
        "byte FF                      | 41 FF         | 1 | FF     | A\ufffd",
        "stray continuation byte      | 41 80 42      | 1 | 80     | A\ufffdB",
        "lone lead byte mid-text      | 41 C3 42      | 1 | C342   | A\ufffdB",
        "four-byte form cut short     | F0 9F 98 41   | 0 | F09F9841 | \ufffdA",
    })
    void givesTheDocumentedResultUnderEachPolicy(String name, String hex, long offset, String bad, String replaced) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        for (int buffer = 1; buffer <= bytes.length + 1; buffer++) {
            int b = buffer;
            assertThatThrownBy(() -> run(bytes, MalformedInputPolicy.REPORT, b)).isInstanceOfSatisfying(MalformedInputException.class, e -> {
                assertThat(e.byteOffset()).isEqualTo(offset);
                assertThat(e.badBytesHex()).isEqualTo(bad);
            });
            List<Chunk> chunks = run(bytes, MalformedInputPolicy.REPLACE, buffer);
            assertThat(chunks).hasSize(1);
            assertThat(chunks.get(0).text()).isEqualTo(replaced);
            assertThat(chunks.get(0).byteEnd()).isEqualTo(bytes.length);
            assertThat(chunks.get(0).replacements()).isEqualTo((int) replaced.chars().filter(c -> c == 0xFFFD).count());
        }
    }
}
