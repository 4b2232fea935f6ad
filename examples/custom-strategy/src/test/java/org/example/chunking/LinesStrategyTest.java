package org.example.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The strategy keeps the library's promises: exact slices, full coverage, max size, whole lines, whole clusters. */
class LinesStrategyTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final TokenCounter CODEPOINTS = StrategyRegistry.load().tokenCounter("codepoints");
    /** Grapheme clusters the random texts are made of: ASCII, accents (one and two code points), CJK, emoji, CR LF. */
    private static final String[] CLUSTERS = {"a", "b", "c", " ", " ", "\n", "\u00e9", "e\u0301", "\u65e5", "\ud83d\ude00",
        "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\ud83c\uddeb\ud83c\uddf7", "\r\n", "\u0436"};

    private static List<Chunk> chunk(String text, ChunkingOptions options) {
        return Chunking.of("lines", options).chunk(DOC, text);
    }

    private static ChunkingOptions size(int max) {
        return ChunkingOptions.builder().maxSize(max).overlap(0).build();
    }

    @Test
    void packsWholeLinesUpToTheMaximum() {
        assertThat(chunk("one\ntwo\nthree\n", size(8))).extracting(Chunk::text).containsExactly("one\ntwo\n", "three\n");
        assertThat(chunk("one\ntwo\nthree", size(100))).extracting(Chunk::text).containsExactly("one\ntwo\nthree");
        assertThat(chunk("", size(10))).isEmpty();
    }

    @Test
    void packsAtMostMaxLinesAndRefusesMoreThanTheSizeCanHold() {
        ChunkingOptions twoLines = size(100).toBuilder().parameter("max-lines", "2").build();
        assertThat(chunk("a\nb\nc\nd\ne", twoLines)).extracting(Chunk::text).containsExactly("a\nb\n", "c\nd\n", "e");
        ChunkingOptions tooMany = size(10).toBuilder().parameter("max-lines", "11").build();
        assertThatThrownBy(() -> chunk("a\n", tooMany)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("parameter max-lines is 11, more lines than a chunk of max size 10 can hold (each takes at least 1);"
                        + " give at most 10 (--max-lines) or raise the size (--size)");
    }

    @Test
    void cutsALongerLineOnGraphemeBoundariesAndStartsTheNextLineAfresh() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"; // five code points, one cluster
        String text = "ok\n" + family.repeat(5) + "\nend\n";
        List<Chunk> chunks = chunk(text, size(12));
        assertThat(chunks).extracting(Chunk::text).containsExactly("ok\n", family.repeat(2), family.repeat(2),
                family + "\n", "end\n");
        assertPromises(text, chunks, 12);
    }

    @Test
    void keepsThePromisesOnRandomMultilingualTextWhateverTheFeed() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int lineBreaks = random.nextInt(3); // from long lines to many short ones
            StringBuilder text = new StringBuilder();
            TreeSet<Integer> clusterStarts = new TreeSet<>();
            for (int n = random.nextInt(200); n > 0; n--) {
                String cluster = CLUSTERS[random.nextInt(CLUSTERS.length)];
                if (cluster.contains("\n") && random.nextInt(3) >= lineBreaks) {
                    cluster = "x";
                }
                clusterStarts.add(text.codePointCount(0, text.length()));
                text.append(cluster);
            }
            int max = 1 + random.nextInt(30);
            String source = text.toString();
            List<Chunk> chunks = chunk(source, size(max));
            assertPromises(source, chunks, max);
            if (max >= 5) { // every cluster above fits, so none may be cut
                for (Chunk c : chunks) {
                    assertThat(clusterStarts).as("round %d, max %d: chunk %s starts on a cluster", round, max, c)
                            .contains((int) c.start());
                }
            }
            if (source.indexOf('\n') < 0) { // one line: cut exactly as the built-in character strategy cuts it
                assertThat(chunks).extracting(Chunk::content).isEqualTo(Chunking.of("character", size(max)).chunk(DOC, source)
                        .stream().map(Chunk::content).toList());
            }
            assertThat(feedBytesInPieces(source, size(max), random)).isEqualTo(chunks);
            assertThat(feedCharsInPieces(source, size(max), random)).isEqualTo(chunks);
            ChunkingOptions tokens = size(max).toBuilder().unit(SizeUnit.TOKENS).build();
            assertThat(Chunking.of("lines", tokens).chunk(DOC, source)).extracting(Chunk::content)
                    .isEqualTo(chunks.stream().map(Chunk::content).toList());
        }
    }

    @Test
    void reportsMalformedInputAtItsByteOffsetOrReplacesItKeepingSourceOffsets() {
        byte[] bad = {'a', '\n', 'b', (byte) 0xE2, (byte) 0x82, '\n', 'c', (byte) 0x80, '\n'};
        assertThatThrownBy(() -> feed(bad, size(100))).isInstanceOf(MalformedInputException.class)
                .satisfies(e -> assertThat(((MalformedInputException) e).byteOffset()).isEqualTo(3));

        ChunkingOptions replace = ChunkingOptions.builder().maxSize(3).overlap(0).malformedInput(MalformedInputPolicy.REPLACE).build();
        List<Chunk> chunks = feed(bad, replace);
        assertThat(chunks).extracting(Chunk::text).containsExactly("a\n", "b\ufffd\n", "c\ufffd\n");
        assertThat(chunks).extracting(Chunk::byteStart).containsExactly(0L, 2L, 6L);
        assertThat(chunks).extracting(Chunk::byteEnd).containsExactly(2L, 6L, 9L);
        assertThat(chunks).extracting(Chunk::replacements).containsExactly(0, 1, 1);
    }

    @Test
    void startsAfterAByteOrderMarkButRefusesCheckpoints() {
        List<Chunk> chunks = new ArrayList<>();
        LinesStrategy strategy = new LinesStrategy();
        try (Chunker chunker = strategy.resume(DOC, size(10), CODEPOINTS, chunks::add, ResumePoint.after(3, 1))) {
            chunker.feed("h\u00e9\n");
            chunker.finish();
        }
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(1);
            assertThat(c.byteStart()).isEqualTo(3);
            assertThat(c.byteEnd()).isEqualTo(7);
        });
        ResumePoint midway = new ResumePoint(10, 10, 10, 10, 2, 0);
        assertThatThrownBy(() -> strategy.resume(DOC, size(10), CODEPOINTS, chunks::add, midway))
                .isInstanceOf(ChunkingException.class).hasMessageContaining("cannot resume");
    }

    /** Promises 1 to 3: exact code-point and byte slices, in order, covering everything, within the max, lines kept whole. */
    static void assertPromises(String text, List<Chunk> chunks, int max) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] cps = text.codePoints().toArray();
        long cp = 0;
        long b = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.strategy()).isEqualTo("lines");
            assertThat(c.start()).as("chunk %d abuts the previous one", i).isEqualTo(cp);
            assertThat(c.byteStart()).isEqualTo(b);
            assertThat(c.text()).isEqualTo(new String(cps, (int) c.start(), (int) (c.end() - c.start())));
            assertThat(c.content().toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, (int) c.byteStart(), (int) c.byteEnd()));
            assertThat(c.size()).isEqualTo(c.end() - c.start()).isBetween(1, max);
            if (i < chunks.size() - 1 && cps[(int) c.end() - 1] != '\n') {
                int lineStart = (int) c.end();
                while (lineStart > 0 && cps[lineStart - 1] != '\n') {
                    lineStart--;
                }
                int lineEnd = (int) c.end();
                while (lineEnd < cps.length && cps[lineEnd] != '\n') {
                    lineEnd++;
                }
                lineEnd = Math.min(cps.length, lineEnd + 1);
                assertThat(lineEnd - lineStart).as("chunk %d ends inside a line, which must then be too long", i)
                        .isGreaterThan(max);
            }
            cp = c.end();
            b = c.byteEnd();
        }
        assertThat(cp).isEqualTo(cps.length);
        assertThat(b).isEqualTo(bytes.length);
    }

    private static List<Chunk> feed(byte[] bytes, ChunkingOptions options) {
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = Chunking.of("lines", options).open(DOC, chunks::add)) {
            chunker.feed(bytes);
            chunker.finish();
        }
        return chunks;
    }

    private static List<Chunk> feedBytesInPieces(String text, ChunkingOptions options, Random random) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = Chunking.of("lines", options).open(DOC, chunks::add)) {
            for (int i = 0, n; i < bytes.length; i += n) {
                n = Math.min(bytes.length - i, 1 + random.nextInt(random.nextBoolean() ? 2 : 40));
                chunker.feed(bytes, i, n);
            }
            chunker.finish();
            assertThat(chunker.bytesFed()).isEqualTo(bytes.length);
        }
        return chunks;
    }

    private static List<Chunk> feedCharsInPieces(String text, ChunkingOptions options, Random random) {
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = Chunking.of("lines", options).open(DOC, chunks::add)) {
            for (int i = 0, n; i < text.length(); i += n) {
                n = Math.min(text.length() - i, 1 + random.nextInt(random.nextBoolean() ? 2 : 40)); // may cut a surrogate pair
                chunker.feed(text.subSequence(i, i + n));
            }
            chunker.finish();
        }
        return chunks;
    }
}
