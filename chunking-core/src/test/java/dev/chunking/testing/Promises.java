package dev.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Assertions of DESIGN.md promises 1 to 3 over a document and its chunks. */
public final class Promises {
    private Promises() {
    }

    /**
     * Code-point offsets of every extended grapheme cluster boundary, by ICU4J's character
     * {@link BreakIterator} (ICU 78: UAX #29 of Unicode 17.0, the version the engine follows),
     * an oracle that, unlike the JDK's regex engine, does not change with the JDK. Modules that
     * use these assertions need ICU4J in their test scope.
     */
    public static TreeSet<Integer> graphemeBoundaries(String text) {
        TreeSet<Integer> boundaries = new TreeSet<>();
        BreakIterator it = BreakIterator.getCharacterInstance(ULocale.ROOT);
        it.setText(text);
        int cpIndex = 0;
        int charIndex = 0;
        for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
            cpIndex += Character.codePointCount(text, charIndex, b);
            charIndex = b;
            boundaries.add(cpIndex);
        }
        boundaries.add(text.codePointCount(0, text.length()));
        return boundaries;
    }

    /**
     * Checks exact slices, the size bound, order, overlap bound, full coverage without gaps and
     * grapheme-safe boundaries, with sizes counted in code points.
     */
    public static void assertKept(String text, List<Chunk> chunks, ChunkingOptions options) {
        assertKept(text, chunks, options, null);
    }

    /**
     * As {@link #assertKept(String, List, ChunkingOptions)}, with sizes and overlaps counted by
     * {@code counter} when the unit is tokens.
     */
    public static void assertKept(String text, List<Chunk> chunks, ChunkingOptions options, TokenCounter counter) {
        assertKept(text, chunks, options, counter, options.maxSize());
    }

    /**
     * As {@link #assertKept(String, List, ChunkingOptions, dev.chunking.spi.TokenCounter)}, where a
     * boundary may split a grapheme cluster longer than {@code clusterLimit} (for the coarser
     * levels of a hierarchy, which inherit the finest level's splits).
     */
    public static void assertKept(String text, List<Chunk> chunks, ChunkingOptions options, TokenCounter counter,
                                  int clusterLimit) {
        int[] cps = text.codePoints().toArray();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (cps.length == 0) {
            assertThat(chunks).as("chunks of empty text").isEmpty();
            return;
        }
        assertThat(chunks).as("chunks of non-empty text").isNotEmpty();
        TreeSet<Integer> boundaries = graphemeBoundaries(text);
        long previousEnd = 0;
        long previousStart = -1;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.index()).as("index").isEqualTo(i);
            assertThat(c.text()).as("chunk %d is the code-point slice", i)
                    .isEqualTo(new String(cps, (int) c.start(), (int) (c.end() - c.start())));
            assertThat(c.content().toByteArray()).as("chunk %d is the byte slice", i)
                    .isEqualTo(Arrays.copyOfRange(utf8, (int) c.byteStart(), (int) c.byteEnd()));
            assertThat(c.end()).as("chunk %d is not empty", i).isGreaterThan(c.start());
            if (options.unit() == SizeUnit.CHARS) {
                assertThat(c.size()).as("size of chunk %d", i).isEqualTo(c.end() - c.start());
            }
            assertThat(c.size()).as("chunk %d within max size", i).isLessThanOrEqualTo(options.maxSize());
            if (i == 0) {
                assertThat(c.start()).as("first chunk starts the text").isZero();
            } else {
                assertThat(c.start()).as("chunk %d starts after the previous start", i).isGreaterThan(previousStart);
                assertThat(c.start()).as("chunk %d leaves no gap", i).isLessThanOrEqualTo(previousEnd);
                long overlap = counter == null ? previousEnd - c.start()
                        : counter.count(new String(cps, (int) c.start(), (int) (previousEnd - c.start())));
                assertThat(overlap).as("overlap before chunk %d", i).isLessThanOrEqualTo(options.overlap());
                assertThat(c.end()).as("chunk %d ends after the previous end", i).isGreaterThan(previousEnd);
            }
            assertGraphemeSafe(boundaries, cps, counter, c.start(), clusterLimit, "start of chunk " + i);
            assertGraphemeSafe(boundaries, cps, counter, c.end(), clusterLimit, "end of chunk " + i);
            previousStart = c.start();
            previousEnd = c.end();
        }
        assertThat(previousEnd).as("last chunk ends the text").isEqualTo(cps.length);
    }

    /** A boundary is a cluster boundary, or lies in a cluster longer than the maximum (in tokens when counted). */
    private static void assertGraphemeSafe(TreeSet<Integer> boundaries, int[] cps, TokenCounter counter,
                                           long offset, int maxSize, String what) {
        if (boundaries.contains((int) offset)) {
            return;
        }
        int clusterStart = boundaries.lower((int) offset);
        int clusterEnd = boundaries.higher((int) offset);
        int size = counter == null ? clusterEnd - clusterStart : counter.count(new String(cps, clusterStart, clusterEnd - clusterStart));
        assertThat(size).as(what + " at " + offset + " splits a cluster no longer than the max").isGreaterThan(maxSize);
    }
}
