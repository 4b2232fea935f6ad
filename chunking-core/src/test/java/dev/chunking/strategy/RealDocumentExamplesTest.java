package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.Promises;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Expected boundaries on two small documents written for these tests (src/test/resources/documents). */
class RealDocumentExamplesTest {

    private static String read(String name) throws IOException {
        try (InputStream in = RealDocumentExamplesTest.class.getResourceAsStream("/documents/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Chunk> chunk(String strategy, String text, int max, int overlap) {
        return chunk(strategy, text, ChunkingOptions.builder().maxSize(max).overlap(overlap).build());
    }

    private static List<Chunk> chunk(String strategy, String text, ChunkingOptions options) {
        List<Chunk> chunks = Chunking.of(strategy, options).chunk(DocumentId.of("doc"), text);
        Promises.assertKept(text, chunks, options);
        return chunks;
    }

    @Test
    void recursivePrefersParagraphsThenSentencesAndOverlapsOnWords() throws IOException {
        // the default min size (120 / 4 = 30) keeps the heading from being a chunk of its own; the first
        // paragraph is too long for one chunk, so its rest ends the second chunk, and the third starts
        // (its overlap aside) where the next paragraph does
        List<Chunk> chunks = chunk("recursive", read("guide.md"), 120, 30);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "# Getting started\n\nChunking splits long documents into pieces that fit an embedding model. It reads the text once. ",
                "It reads the text once. It never loses a character!\n\n",
                "It never loses a character!\n\n## Install\n\n",
                "a character!\n\n## Install\n\nAdd the dependency to your build, then pick a strategy.\nStrategies are found by name.\n\n",
                "are found by name.\n\n## Sizes\n\nSizes count code points by default. Tokens work too, with any counter you plug in.\n");
        assertThat(chunks).extracting(Chunk::start).containsExactly(0L, 91L, 115L, 130L, 223L);
    }

    @Test
    void recursiveEndsCjkSentencesAtIdeographicFullStopsAndKeepsCrlfAndEmojiWhole() throws IOException {
        List<Chunk> chunks = chunk("recursive", read("multilingual.txt"), 40, 10);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "Premi\u00e8re ligne en fran\u00e7ais. ",
                "fran\u00e7ais. Deuxi\u00e8me phrase ici.\r\n\r\n",
                "ici.\r\n\r\n\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059\u3002\u4e8c\u3064\u76ee\u306e\u6587\u3067\u3059\u3002"
                        + "\u4e09\u3064\u76ee\u3002\r\n\r\n",
                "\u4e09\u3064\u76ee\u3002\r\n\r\n\u041a\u0438\u0440\u0438\u043b\u043b\u0438\u0446\u0430 \u0442\u043e\u0436\u0435 "
                        + "\u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442. ",
                "\u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442. \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 "
                        + "\u0441\u0435\u043c\u044c\u044f \ud83c\uddfa\ud83c\udde6 \u0444\u043b\u0430\u0433.\r\n");
        assertThat(chunks).extracting(Chunk::byteStart).containsExactly(0L, 19L, 47L, 106L, 150L);
        assertThat(chunks.get(4).byteEnd()).isEqualTo(218L);
    }

    @Test
    void characterWithEndsMaxCutsFixedWindowsWithTheConfiguredOverlap() throws IOException {
        List<Chunk> chunks = chunk("character", read("multilingual.txt"),
                ChunkingOptions.builder().maxSize(40).overlap(10).parameter("ends", "max").build());
        assertThat(chunks).extracting(Chunk::start, Chunk::end).containsExactly(
                Tuple.tuple(0L, 40L), Tuple.tuple(30L, 70L),
                Tuple.tuple(60L, 100L), Tuple.tuple(90L, 124L));
        assertThat(chunks.get(0).text()).isEqualTo("Premi\u00e8re ligne en fran\u00e7ais. Deuxi\u00e8me phr");
    }

    @Test
    void characterMovesABoundaryBackRatherThanSplitAFamilyEmoji() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        List<Chunk> chunks = chunk("character", "abc" + family + "de", 5, 0);
        assertThat(chunks).extracting(Chunk::text).containsExactly("abc", family, "de");
    }

    @Test
    void characterKeepsHindiConjunctsWholeAsUnicode17Does() {
        // "कर्ण" is क + र्ण: by GB9c (Unicode 15.1+) र, virama and ण are one cluster; the JDK 17
        // tables cut after the virama, leaving a dangling र् at the end of a chunk
        String karna = "\u0915\u0930\u094d\u0923";
        List<Chunk> chunks = chunk("character", karna.repeat(3), 3, 0);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "\u0915", "\u0930\u094d\u0923", "\u0915", "\u0930\u094d\u0923", "\u0915", "\u0930\u094d\u0923");
        assertThat(chunks).extracting(Chunk::text).noneMatch(t -> t.endsWith("\u094d"));
    }
}
