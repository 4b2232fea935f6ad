package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.testing.Promises;
import dev.chunking.testing.Texts;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** The engine's grapheme clusters against ICU4J's (Unicode 17.0), which the table was generated from. */
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

    /** Consonants of the six scripts of GB9c, with their viramas, nuktas and vowel signs. */
    private static final List<String> INDIC = List.of(
            "\u0915", "\u0930", "\u0923", "\u0937", "\u094d", "\u093c", "\u093f", "\u0947", "\u0902", // Devanagari
            "\u0995", "\u09b0", "\u09cd", "\u09bc", "\u09be", // Bengali
            "\u0a95", "\u0ab0", "\u0acd", "\u0abc", "\u0abe", // Gujarati
            "\u0d15", "\u0d30", "\u0d4d", "\u0d3e", "\u0d4e", // Malayalam (U+0D4E is a Prepend)
            "\u0b15", "\u0b30", "\u0b4d", "\u0b3c", "\u0b3e", // Oriya
            "\u0c15", "\u0c30", "\u0c4d", "\u0c55", "\u0c3e", // Telugu
            "\u0a15", "\u0a4d", "\u0b95", "\u0bcd"); // Gurmukhi and Tamil: viramas GB9c does not link
    /** Emoji, their joiners, modifiers, selectors and tags, flags, and Hangul jamo and syllables. */
    private static final List<String> OTHERS = List.of(
            "\u200d", "\u200c", "\ud83d\udc68", "\ud83d\udc69", "\ud83d\udc67", "\u2764", "\ufe0f", "\ud83c\udffd", "\ud83c\udff4",
            "\udb40\udc67", "\udb40\udc7f", "\ud83c\uddfa", "\ud83c\uddf8", "\ud83c\uddeb", "\u1100", "\u1161", "\u11a8", "\uac00",
            "\uac01", "\u0600", "\r", "\n", " ", "a", "\u0301", "\u0e33", "\u0001");

    @Provide
    Arbitrary<String> documents() {
        return Texts.documents();
    }

    @Provide
    Arbitrary<String> dense() {
        Arbitrary<String> indic = Arbitraries.of(INDIC);
        Arbitrary<String> others = Arbitraries.of(OTHERS);
        Arbitrary<String> conjunct = Arbitraries.of(INDIC).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
        Arbitrary<String> any = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(Character::toString);
        return Arbitraries.frequencyOf(Tuple.of(6, indic), Tuple.of(2, conjunct), Tuple.of(5, others), Tuple.of(1, any))
                .list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void findsTheSameClusterBoundariesAsIcuInMixedDocuments(@ForAll("documents") String text) {
        assertThat(boundaries(text)).isEqualTo(Promises.graphemeBoundaries(text));
    }

    @Property(tries = 3000)
    void findsTheSameClusterBoundariesAsIcuInTextDenseInConjunctsEmojiFlagsAndHangul(@ForAll("dense") String text) {
        assertThat(boundaries(text)).as("%s", text.codePoints().mapToObj(Integer::toHexString).toList())
                .isEqualTo(Promises.graphemeBoundaries(text));
    }

    @Test
    void agreesWithIcuOnEveryCodePointBetweenLettersMarksJoinersPrependsJamoAndConjuncts() {
        StringBuilder mismatches = new StringBuilder();
        for (String around : new String[] {"a", "\u0301", "\u200d", "\u0600", "\u1100", "\u0915\u094d"}) {
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    continue;
                }
                String text = around + Character.toString(cp) + around;
                if (!boundaries(text).equals(Promises.graphemeBoundaries(text))) {
                    mismatches.append(String.format("U+%04X around %s; ", cp, around));
                }
            }
        }
        assertThat(mismatches.toString()).isEmpty();
    }

    @Test
    void keepsIndicConjunctsWholeByRuleGb9c() {
        // "कर्ण": क | र्ण, where Unicode 13 (and the JDK 17 regex engine) cut र् from ण
        assertThat(boundaries("\u0915\u0930\u094d\u0923")).containsExactly(0, 1, 4);
        // क्ष with a nukta, and with a ZWJ after the virama (both InCB=Extend)
        assertThat(boundaries("\u0915\u093c\u094d\u0937x")).containsExactly(0, 4, 5);
        assertThat(boundaries("\u0915\u094d\u200d\u0937x")).containsExactly(0, 4, 5);
        // Bengali, Gujarati, Malayalam, Oriya, Telugu
        assertThat(boundaries("\u0995\u09cd\u09b7")).containsExactly(0, 3);
        assertThat(boundaries("\u0a95\u0acd\u0ab7")).containsExactly(0, 3);
        assertThat(boundaries("\u0d15\u0d4d\u0d15")).containsExactly(0, 3);
        assertThat(boundaries("\u0b15\u0b4d\u0b37")).containsExactly(0, 3);
        assertThat(boundaries("\u0c15\u0c4d\u0c37")).containsExactly(0, 3);
    }

    @Test
    void doesNotJoinAcrossSpacesNonLinkingViramasOrWithoutAConsonantBefore() {
        assertThat(boundaries("\u0915\u094d \u0937")).containsExactly(0, 2, 3, 4);
        assertThat(boundaries("a\u094d\u0937")).containsExactly(0, 2, 3);
        assertThat(boundaries("\u0b95\u0bcd\u0bb7")).containsExactly(0, 2, 3); // Tamil's pulli is no linker
        assertThat(boundaries("\u0915\u0947\u0937")).containsExactly(0, 2, 3); // a vowel sign ends the conjunct
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
        // GB9b and GB11: one cluster (the JDK 17 regex engine breaks before the woman here)
        assertThat(boundaries("\u0600\ud83d\udc68\u200d\ud83d\udc69")).containsExactly(0, 4);
        // GB11 needs Extended_Pictographic Extend* ZWJ right before; a second ZWJ ends that (JDK 17 joins here)
        assertThat(boundaries("\ud83d\udc4d\ud83c\udffd\u200d\u200d\ud83d\udc68")).containsExactly(0, 4, 5);
    }

    @Test
    void breaksAroundControlsAndBetweenUnrelatedPictographs() {
        assertThat(boundaries("a\u0000\u0301")).containsExactly(0, 1, 2, 3);
        assertThat(boundaries("a\u200db")).containsExactly(0, 2, 3);
        assertThat(boundaries("\ud83d\ude00\ud83d\ude00")).containsExactly(0, 1, 2);
    }

    @Test
    void forgetsAConjunctUnderWayOnResetAndAfterAscii() {
        GraphemeCursor cursor = new GraphemeCursor();
        cursor.advance(0x0915);
        cursor.advance(0x094D);
        cursor.reset();
        assertThat(cursor.advance(0x0937)).isTrue();
        cursor.advance(0x0915);
        cursor.advance(0x094D);
        cursor.resetToAscii('x');
        assertThat(cursor.advance(0x0937)).isTrue();
    }
}
