package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.testing.Promises;
import dev.chunking.testing.Texts;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GraphemeCursorTest {

    static TreeSet<Integer> boundaries(String text) {
        TreeSet<Integer> result = new TreeSet<>();
        GraphemeCursor cursor = new GraphemeCursor();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (cursor.advance(cps[i])) {
                result.add(i);
            }
        }
        result.add(cps.length);
        return result;
    }

    @Provide
    Arbitrary<String> documents() {
        return Texts.documents();
    }

    @Property(tries = 500)
    void findsTheSameClusterBoundariesAsTheJdkRegexEngine(@ForAll("documents") String text) {
        assertThat(boundaries(text)).isEqualTo(Promises.graphemeBoundaries(text));
    }

    @Test
    void agreesWithTheJdkRegexEngineOnEveryCodePointBetweenLettersMarksJoinersAndPrepends() {
        StringBuilder mismatches = new StringBuilder();
        for (String around : new String[] {"a", "\u0301", "\u200d", "\u0600", "\u1100"}) {
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    continue;
                }
                String text = around + Character.toString(cp) + around;
                if (!boundaries(text).equals(Promises.graphemeBoundaries(text))) {
                    mismatches.append(String.format("U+%04X around U+%04X; ", cp, around.codePointAt(0)));
                }
            }
        }
        assertThat(mismatches.toString()).isEmpty();
    }

    @Test
    void keepsEmojiSequencesFlagsMarksAndHangulWhole() {
        assertThat(boundaries("e\u0301x")).containsExactly(0, 2, 3);
        assertThat(boundaries("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67!")).containsExactly(0, 5, 6);
        assertThat(boundaries("\ud83c\uddfa\ud83c\uddf8\ud83c\uddeb\ud83c\uddf7\ud83c\udde9")).containsExactly(0, 2, 4, 5);
        assertThat(boundaries("\ud83d\udc4d\ud83c\udffdx")).containsExactly(0, 2, 3);
        assertThat(boundaries("\u1100\u1161\u11a8x")).containsExactly(0, 3, 4);
        assertThat(boundaries("\r\n\n")).containsExactly(0, 2, 3);
        assertThat(boundaries("\u0e01\u0e33")).containsExactly(0, 2);
    }

    @Test
    void attachesPrependedConcatenationMarksToWhatFollows() {
        assertThat(boundaries("\u0600\u0661 ")).containsExactly(0, 2, 3);
        // UAX #29 GB9b and GB11: one cluster (the JDK 17 regex engine breaks before the woman here).
        assertThat(boundaries("\u0600\ud83d\udc68\u200d\ud83d\udc69")).containsExactly(0, 4);
        // GB11 needs Extended_Pictographic Extend* ZWJ right before; a second ZWJ ends that (JDK 17 joins here).
        assertThat(boundaries("\ud83d\udc4d\ud83c\udffd\u200d\u200d\ud83d\udc68")).containsExactly(0, 4, 5);
    }

    @Test
    void breaksAroundControlsAndBetweenUnrelatedPictographs() {
        assertThat(boundaries("a\u0000\u0301")).containsExactly(0, 1, 2, 3);
        assertThat(boundaries("a\u200db")).containsExactly(0, 2, 3);
        assertThat(boundaries("\ud83d\ude00\ud83d\ude00")).containsExactly(0, 1, 2);
    }
}
