package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;

/**
 * The boundaries looked up near a cut are those of a cursor run over the whole text from the
 * chunk start, for any start at a cluster boundary, also where no plain code point is near
 * (long runs of marks, emoji, regional indicators, Indic conjuncts), and after the start moves.
 */
class GraphemeBoundariesTest {
    /** A window that holds the bytes fed and scans nothing. */
    private static final class Bytes extends Utf8Window {
        Bytes() {
            super(0, 0, 0);
        }

        @Override
        int scan(byte[] buf, int from, int limit, boolean endOfInput) {
            return limit;
        }

        @Override
        long retainFrom() {
            return 0;
        }

        @Override
        void endOfInput(long endByte, long endCp) {
            // nothing to finish
        }

        @Override
        void releaseState() {
            // nothing held
        }
    }

    /** The code-point starts of a text and, for each, whether a cursor from {@code from} puts a boundary before it. */
    private static List<long[]> reference(byte[] utf8, int from) {
        List<long[]> result = new ArrayList<>();
        GraphemeCursor cursor = new GraphemeCursor();
        String text = new String(utf8, from, utf8.length - from, StandardCharsets.UTF_8);
        long at = from;
        for (int cp : text.codePoints().toArray()) {
            result.add(new long[] {at, cursor.advance(cp) ? 1 : 0});
            at += Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
        }
        return result;
    }

    @Property(tries = 400)
    void answersAsACursorRunFromTheChunkStartWhereverTheStartMoves(@ForAll @From(supplier = DenseText.class) String text,
                                                                    @ForAll long seed) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Bytes window = new Bytes();
        window.feed(utf8, 0, utf8.length);
        Random random = new Random(seed);
        GraphemeBoundaries lookup = new GraphemeBoundaries(window, 0);
        lookup.ceiling(utf8.length);
        List<long[]> whole = reference(utf8, 0);
        int floorIndex = 0;
        while (floorIndex < whole.size()) {
            long floor = whole.get(floorIndex)[0];
            List<long[]> expected = reference(utf8, (int) floor);
            // ask in a random order, as the finder does (back from a limit, forward from an overlap start)
            List<long[]> asked = new ArrayList<>(expected);
            Collections.shuffle(asked, random);
            for (long[] p : asked) {
                boolean boundary = p[0] == floor || p[1] == 1;
                assertThat(lookup.isBoundary(p[0])).as("boundary at byte %d with the start at %d in %s", p[0], floor, text)
                        .isEqualTo(boundary);
            }
            // the next chunk starts at a later boundary of the current start's run
            int next = floorIndex + 1 + random.nextInt(Math.max(1, whole.size() - floorIndex));
            while (next < whole.size() && !isBoundary(expected, whole.get(next)[0], floor)) {
                next++;
            }
            if (next >= whole.size()) {
                break;
            }
            if (random.nextInt(4) == 0) {
                lookup.restart(whole.get(next)[0]); // as after a split inside a cluster
            } else {
                lookup.moveFloor(whole.get(next)[0]);
            }
            floorIndex = next;
        }
        assertThat(lookup.isBoundary(utf8.length)).as("the end of the scanned text").isTrue();
    }

    private static boolean isBoundary(List<long[]> run, long at, long floor) {
        return run.stream().anyMatch(p -> p[0] == at && (p[1] == 1 || at == floor));
    }

    /** Text dense in clusters: the cursor test's Indic, emoji and flag atoms, long runs without plain code points. */
    static final class DenseText implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            Arbitrary<String> marks = Arbitraries.of("\u0301", "\u200d", "\ud83d\ude00", "\ud83c\uddfa",
                    "\u094d", "\u0915", "\u0600", "\u1100", "\u1161", "\uac00").list().ofMinSize(30).ofMaxSize(120)
                    .map(l -> String.join("", l));
            return Arbitraries.oneOf(new GraphemeCursorTest().dense(), marks, marks.map(m -> "a " + m + " b"));
        }
    }
}
