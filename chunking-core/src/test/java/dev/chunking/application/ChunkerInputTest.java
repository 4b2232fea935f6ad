package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.spi.Chunker;
import dev.chunking.testing.Promises;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input and misuse give clear library exceptions; streams are read in pieces. */
class ChunkerInputTest {
    private static final DocumentId DOC = DocumentId.of("d");
    private final Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(8).overlap(2).build());

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "stray continuation byte,          41 80 41,       1, 80,       stray continuation byte",
        "overlong two-byte form,           41 C0 AF,       1, C0,       overlong encoding",
        "overlong three-byte form,         E0 80 AF,       0, E080,     overlong encoding",
        "encoded surrogate,                41 42 ED A0 80, 2, EDA0,     encoded surrogate",
        "above U+10FFFF,                   F4 90 80 80,    0, F490,     code point above U+10FFFF",
        "byte F5,                          F5 41,          0, F5,       byte that never occurs in UTF-8",
        "byte FF,                          41 41 41 FF,    3, FF,       byte that never occurs in UTF-8",
        "sequence cut by an ASCII byte,    E2 82 41,       0, E28241,   sequence cut short by a non-continuation byte",
        "truncated at the end,             41 E2 82,       1, E282,     sequence truncated by the end of input",
    })
    void reportsMalformedUtf8WithTheByteOffsetAndBytes(String name, String input, long offset, String bad, String reason) {
        for (int piece = 1; piece <= 3; piece++) {
            byte[] bytes = hex(input);
            List<Chunk> chunks = new ArrayList<>();
            int step = piece;
            assertThatThrownBy(() -> {
                try (Chunker chunker = chunking.open(DOC, chunks::add)) {
                    for (int at = 0; at < bytes.length; at += step) {
                        chunker.feed(bytes, at, Math.min(step, bytes.length - at));
                    }
                    chunker.finish();
                }
            }).isInstanceOfSatisfying(MalformedInputException.class, e -> {
                assertThat(e.byteOffset()).isEqualTo(offset);
                assertThat(e.badBytesHex()).isEqualTo(bad);
                assertThat(e.getMessage()).startsWith("malformed UTF-8 at byte offset " + offset + ": " + reason)
                        .endsWith("; fix the input encoding or convert it to UTF-8");
            });
        }
    }

    @Test
    void refusesLoneSurrogatesInCharInputNamingTheCharAndItsCharIndexNotBytes() {
        String fix = "; a Java String must hold a surrogate only as half of a high-low pair: fix the code that made the text"
                + " (e.g. a substring cut inside a pair)";
        assertThatThrownBy(() -> chunking.chunk(DOC, "ab\ud800c")).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e).hasMessage("lone surrogate U+D800 at char index 2 (UTF-8 byte offset 2)" + fix);
            assertThat(e.byteOffset()).isEqualTo(2);
            assertThat(e.badBytesHex()).isEmpty();
        });
        assertThatThrownBy(() -> chunking.chunk(DOC, "a\u00e9\udc00")).hasMessage("lone surrogate U+DC00 at char index 2 (UTF-8 byte offset 3)" + fix);
        assertThatThrownBy(() -> chunking.chunk(DOC, "ab\ud800")).hasMessage("lone surrogate U+D800 at char index 2 (UTF-8 byte offset 2)" + fix);
        assertThatThrownBy(() -> {
            try (Chunker chunker = chunking.open(DOC, chunk -> { })) {
                chunker.feed("\ud83d\ude00x\ud800");
                chunker.feed("y");
            }
        }).as("the index counts the chars of every feed").hasMessageStartingWith("lone surrogate U+D800 at char index 3 (UTF-8 byte offset 5)");
    }

    @Test
    void keepsNulCrAndBomAsText() {
        String text = "\ufeffa\u0000b\rc\r\nd";
        List<Chunk> chunks = chunking.chunk(DOC, text);
        Promises.assertKept(text, chunks, chunking.options());
        assertThat(chunks.get(0).text()).startsWith("\ufeffa\u0000b\r");
        assertThat(chunks.get(0).byteStart()).isZero();
    }

    @Test
    void refusesFeedingAfterFinishOrClose() {
        Chunker chunker = chunking.open(DOC, c -> { });
        chunker.feed("abc");
        chunker.finish();
        chunker.finish();
        assertThatThrownBy(() -> chunker.feed("x")).isInstanceOf(ChunkerStateException.class)
                .hasMessage("feed called after finish(); open a new chunker for the next document");
        chunker.close();
        assertThatThrownBy(() -> chunker.feed(new byte[1])).hasMessage("feed called on a closed chunker; open a new one");
        assertThatThrownBy(chunker::finish).hasMessage("finish() called on a closed chunker; open a new one");
    }

    @Test
    void refusesFurtherInputOnceTheSinkHasThrownSoNoIndexIsSkipped() {
        List<Long> stored = new ArrayList<>();
        // min size 0, so each chunk reaches the sink as soon as it is cut, not one chunk later
        Chunker chunker = Chunking.of("character", ChunkingOptions.builder().maxSize(10).overlap(0).minSize(0).build()).open(DOC, c -> {
            if (c.index() == 1 && stored.size() == 1) {
                throw new IllegalStateException("disk full");
            }
            stored.add(c.index());
        });
        assertThatThrownBy(() -> chunker.feed("x".repeat(25))).hasMessage("disk full");
        assertThatThrownBy(() -> chunker.feed("more")).isInstanceOf(ChunkerStateException.class)
                .hasMessage("the chunker stopped when its input, sink or token counter failed; open a new chunker (or resume from a checkpoint)");
        assertThatThrownBy(chunker::finish).isInstanceOf(ChunkerStateException.class);
        assertThat(stored).containsExactly(0L);
    }

    @Test
    void readsAStreamInPiecesAndCountsItsBytes() throws Exception {
        String text = "Hello, world. ".repeat(10_000);
        List<Chunk> fromStream = new ArrayList<>();
        long bytes = chunking.chunk(DOC, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), fromStream::add);
        assertThat(bytes).isEqualTo(text.length());
        assertThat(fromStream).isEqualTo(chunking.chunk(DOC, text));
    }

    @Test
    void feedsHeapAndDirectByteBuffersLikeArrays() {
        String text = "Direct \u00e9\u6f22\ud83d\ude00 buffers. ".repeat(500);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (boolean direct : new boolean[] {true, false}) {
            List<Chunk> chunks = new ArrayList<>();
            try (Chunker chunker = chunking.open(DOC, chunks::add)) {
                for (int at = 0; at < utf8.length; at += 777) {
                    int n = Math.min(777, utf8.length - at);
                    ByteBuffer piece = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n + 3).position(3);
                    piece.put(utf8, at, n).flip();
                    if (!direct) {
                        piece.position(3);
                    }
                    chunker.feed(piece);
                    assertThat(piece.hasRemaining()).isFalse();
                }
                chunker.finish();
            }
            assertThat(chunks).isEqualTo(chunking.chunk(DOC, text));
        }
    }

    @Test
    void emitsNothingForEmptyInput() {
        assertThat(chunking.chunk(DOC, "")).isEmpty();
    }
}
