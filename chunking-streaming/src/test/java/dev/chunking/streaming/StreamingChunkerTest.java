package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.CharacterStrategy;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingChunkerTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final ChunkingOptions SMALL = ChunkingOptions.builder().maxSize(10).overlap(2).build();

    @TempDir
    Path dir;

    private List<Chunk> run(byte[] bytes, int buffer, ChunkingOptions options) throws IOException {
        Path file = Files.write(dir.resolve("in-" + bytes.length + "-" + buffer + ".txt"), bytes);
        List<Chunk> chunks = new ArrayList<>();
        new StreamingChunker(Chunking.of("recursive", options), OperationOptions.builder().bufferSize(buffer).build())
                .run(DOC, ByteSource.file(file), chunks::add);
        return chunks;
    }

    @Test
    void anErrorOrAnExceptionFromTheSinkReachesTheCallerAsItself() {
        StreamingChunker chunker = new StreamingChunker(Chunking.of("recursive", SMALL), OperationOptions.defaults());
        ByteSource source = ByteSource.stream("in", new ByteArrayInputStream("one two three four".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> chunker.run(DocumentId.of("d"), source, chunk -> {
            throw new AssertionError("sink invariant broken");
        })).isExactlyInstanceOf(AssertionError.class).hasMessage("sink invariant broken");
        ByteSource again = ByteSource.stream("in", new ByteArrayInputStream("one two three four".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> chunker.run(DocumentId.of("d"), again, chunk -> {
            throw new IllegalStateException("disk full");
        })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("disk full");
    }

    @Test
    void skipsAByteOrderMarkButCountsItInTheOffsets() throws IOException {
        byte[] bytes = "\ufeffHello world, again and again.".getBytes(StandardCharsets.UTF_8);
        for (int buffer : new int[] {1, 2, 3, 4, 64 * 1024}) {
            List<Chunk> chunks = run(bytes, buffer, SMALL);
            assertThat(chunks.get(0).byteStart()).isEqualTo(3);
            assertThat(chunks.get(0).start()).isEqualTo(1);
            assertThat(chunks.get(0).text()).startsWith("Hello");
            assertThat(chunks.get(chunks.size() - 1).byteEnd()).isEqualTo(bytes.length);
        }
    }

    @Test
    void skipsAByteOrderMarkForAPluginThatCannotResume() throws IOException {
        ChunkingStrategy plugin = new ChunkingStrategy() {
            private final CharacterStrategy inner = new CharacterStrategy();

            @Override
            public String name() {
                return "plugin";
            }

            @Override
            public String description() {
                return "delegates open() only";
            }

            @Override
            public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter counter,
                                                 ChunkSink sink) {
                return inner.open(document, options, counter, sink);
            }
        };
        Path file = Files.write(dir.resolve("bom-plugin.txt"), "\ufeffabcdefghijkl".getBytes(StandardCharsets.UTF_8));
        List<Chunk> chunks = new ArrayList<>();
        new StreamingChunker(Chunking.of(plugin, SMALL, new CodePointCounter()), OperationOptions.defaults())
                .run(DOC, ByteSource.file(file), chunks::add);
        assertThat(chunks).extracting(Chunk::text).containsExactly("abcdefghij", "ijkl");
        assertThat(chunks).extracting(Chunk::byteStart).containsExactly(3L, 11L);
        assertThat(chunks).extracting(Chunk::start).containsExactly(1L, 9L);
    }

    @Test
    void countsAByteOrderMarkAgainstTheByteLimit() {
        StreamingChunker chunker = new StreamingChunker(Chunking.of("character", SMALL), OperationOptions.builder().byteLimit(2).build());
        assertThatThrownBy(() -> chunker.run(DOC, ByteSource.stream("bom", new ByteArrayInputStream(new byte[] {(byte) 0xEF,
                (byte) 0xBB, (byte) 0xBF})), c -> { })).isInstanceOf(InputLimitException.class);
    }

    @Test
    void emitsNothingForAnEmptyFileOrOnlyAByteOrderMark() throws IOException {
        assertThat(run(new byte[0], 7, SMALL)).isEmpty();
        assertThat(run(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 1, SMALL)).isEmpty();
        assertThat(run(new byte[] {(byte) 0xEF, (byte) 0xBB}, 1, SMALL.toBuilder().malformedInput(MalformedInputPolicy.REPLACE).build()))
                .extracting(Chunk::text).containsExactly("\ufffd"); // a cut-off three-byte sequence: one replacement
    }

    @Test
    void chunksAOneByteFileAndALongLineWithoutSeparators() throws IOException {
        assertThat(run("x".getBytes(StandardCharsets.UTF_8), 1, SMALL)).extracting(Chunk::text).containsExactly("x");
        byte[] line = "\u6f22".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        List<Chunk> chunks = run(line, 4096, ChunkingOptions.builder().maxSize(1000).overlap(0).build());
        assertThat(chunks).hasSize(200).allSatisfy(c -> assertThat(c.size()).isEqualTo(1000));
    }

    @Test
    void keepsCrLfLoneCrAndNulAsText() throws IOException {
        String text = "a\r\nb\rc\u0000d";
        List<Chunk> chunks = run(text.getBytes(StandardCharsets.UTF_8), 1, ChunkingOptions.builder().maxSize(100).overlap(0).build());
        assertThat(chunks).extracting(Chunk::text).containsExactly(text);
    }

    @Test
    void reportsOrReplacesALoneLeadByteAtABufferEdge() throws IOException {
        byte[] bytes = {'a', 'b', 'c', (byte) 0xE2, 'd', 'e'};
        assertThatThrownBy(() -> run(bytes, 4, SMALL)).isInstanceOf(MalformedInputException.class)
                .hasMessageStartingWith("malformed UTF-8 at byte offset 3: sequence cut short by a non-continuation byte (bytes E2 64)");
        List<Chunk> replaced = run(bytes, 4, SMALL.toBuilder().malformedInput(MalformedInputPolicy.REPLACE).build());
        assertThat(replaced).extracting(Chunk::text).containsExactly("abc\ufffdde");
        assertThat(replaced.get(0).byteEnd()).isEqualTo(6);
        assertThat(replaced.get(0).replacements()).isEqualTo(1);
    }

    @Test
    void stopsASourceThatNeverEndsAtTheByteLimit() throws IOException {
        StreamingChunker chunker = new StreamingChunker(Chunking.of("character", SMALL),
                OperationOptions.builder().byteLimit(1_000_000).build());
        List<Chunk> chunks = new ArrayList<>();
        assertThatThrownBy(() -> chunker.run(DOC, ByteSource.file(Path.of("/dev/zero")), chunks::add))
                .isInstanceOf(InputLimitException.class)
                .hasMessage("/dev/zero is longer than the byte limit of 1000000 bytes; raise OperationOptions.byteLimit if this input"
                        + " is expected");
        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.byteEnd()).isLessThanOrEqualTo(1_000_000));
    }

    @Test
    void stopsASourceThatNeverEndsAtTheDocumentLimitOfTheChunkingOptions() throws IOException {
        ChunkingOptions limited = SMALL.withLimits(InputLimits.defaults().withMaxDocumentBytes(1_000_000));
        StreamingChunker chunker = new StreamingChunker(Chunking.of("character", limited), OperationOptions.defaults());
        List<Chunk> chunks = new ArrayList<>();
        assertThatThrownBy(() -> chunker.run(DOC, ByteSource.file(Path.of("/dev/zero")), chunks::add))
                .isInstanceOf(InputLimitException.class).hasMessageStartingWith("document doc: ")
                .hasMessageEndingWith(" bytes fed, more than the limit of 1000000 bytes (InputLimits.maxDocumentBytes, --max-bytes);"
                        + " raise the limit or split the document");
        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.byteEnd()).isLessThanOrEqualTo(1_000_000));
    }

    @Test
    void readsStreamsOnceFromTheStart() throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        StreamResult result = new StreamingChunker(Chunking.of("recursive", SMALL), OperationOptions.defaults())
                .run(DOC, ByteSource.stream("stdin", new ByteArrayInputStream("one two three four".getBytes(StandardCharsets.UTF_8))),
                        chunks::add);
        assertThat(result.bytes()).isEqualTo(18);
        assertThat(result.chunks()).isEqualTo(chunks.size());
        assertThat(chunks.get(chunks.size() - 1).byteEnd()).isEqualTo(18);
    }

    @Test
    void refusesBufferSizesOutsideOneByteToOneMebibyte() {
        assertThatThrownBy(() -> OperationOptions.builder().bufferSize(0).build())
                .hasMessage("buffer size 0 is outside 1..1048576 bytes; set bufferSize within that range");
        assertThatThrownBy(() -> OperationOptions.builder().bufferSize((1 << 20) + 1).build()).hasMessageContaining("outside 1..1048576");
    }
}
