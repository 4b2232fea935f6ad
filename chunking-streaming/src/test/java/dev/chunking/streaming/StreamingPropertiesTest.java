package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Promises 1, 3 and 4 through files: identical chunks for any buffer size, exact byte slices by seek and read. */
class StreamingPropertiesTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = SharedTempDirectory.create("streaming-properties");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        SharedTempDirectory.remove(dir);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.of("word ", "caf\u00e9 ", "\u6f22\u5b57", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
                "e\u0301", "\n\n", "\r\n", ". ", "\ud83c\uddfa\ud83c\uddf8", "\u0410\u0411 ", "\ufeff")
                .flatMap(s -> Arbitraries.integers().between(1, 60).map(s::repeat));
        return piece.list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<Integer> bufferSizes() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 16)),
                Tuple.of(2, Arbitraries.integers().between(17, 70_000)),
                Tuple.of(1, Arbitraries.of(1 << 20, 64 * 1024)));
    }

    @Provide
    Arbitrary<Chunking> chunkings() {
        return Arbitraries.of("character", "recursive").flatMap(strategy -> Arbitraries.integers().between(1, 300)
                .flatMap(max -> Arbitraries.integers().between(0, max - 1)
                        .map(overlap -> Chunking.of(strategy, ChunkingOptions.builder().maxSize(max).overlap(overlap).build()))));
    }

    @Property(tries = 300)
    void emitsTheSameExactSlicesForAnyBufferSize(@ForAll("texts") String text, @ForAll("bufferSizes") int buffer,
                                                 @ForAll("chunkings") Chunking chunking) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("t.txt"), bytes);
        List<Chunk> chunks = new ArrayList<>();
        new StreamingChunker(chunking, OperationOptions.builder().bufferSize(buffer).build()).run(DOC, ByteSource.file(file), chunks::add);
        boolean bom = text.startsWith("\ufeff");
        List<Chunk> expected = bom ? chunking.chunk(DOC, text) : chunking.chunk(DOC, text);
        if (!bom) {
            assertThat(chunks).isEqualTo(expected);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (Chunk c : chunks) {
                byte[] slice = new byte[(int) (c.byteEnd() - c.byteStart())];
                raf.seek(c.byteStart());
                raf.readFully(slice);
                assertThat(slice).isEqualTo(c.content().toByteArray());
            }
        }
        long end = chunks.isEmpty() ? (bom ? 3 : 0) : chunks.get(chunks.size() - 1).byteEnd();
        assertThat(end).isEqualTo(bytes.length);
    }
}
