package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.util.VersionInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed {@link GraphemeData} is what ICU4J gives for every code point, so the table
 * cannot drift from its source (regenerate it with GraphemeTableGenerator when this fails).
 */
class GraphemeDataTest {
    /** Grapheme_Cluster_Break short names in the order of the {@link Graphemes} categories. */
    private static final List<String> CATEGORIES = List.of("XX", "CR", "LF", "CN", "EX", "ZWJ", "RI", "PP", "SM", "L", "V", "T", "LV", "LVT");
    private static final List<String> CONJUNCT = List.of("None", "Consonant", "Extend", "Linker");

    private static int expected(int cp) {
        int category = CATEGORIES.indexOf(UCharacter.getPropertyValueName(UProperty.GRAPHEME_CLUSTER_BREAK,
                UCharacter.getIntPropertyValue(cp, UProperty.GRAPHEME_CLUSTER_BREAK), UProperty.NameChoice.SHORT));
        int conjunct = CONJUNCT.indexOf(UCharacter.getPropertyValueName(UProperty.INDIC_CONJUNCT_BREAK,
                UCharacter.getIntPropertyValue(cp, UProperty.INDIC_CONJUNCT_BREAK), UProperty.NameChoice.LONG));
        if (UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)) {
            category = category == 0 ? Graphemes.PICTOGRAPHIC : -1;
        }
        return category < 0 || conjunct < 0 ? -1 : category | conjunct << 4;
    }

    @Test
    void holdsWhatIcuGivesForEveryCodePoint() {
        StringBuilder mismatches = new StringBuilder();
        int count = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Graphemes.value(cp) != expected(cp) && count++ < 20) {
                mismatches.append(String.format("U+%04X: %d, ICU %d; ", cp, Graphemes.value(cp), expected(cp)));
            }
        }
        assertThat(mismatches.toString()).isEmpty();
    }

    @Test
    void namesTheUnicodeAndIcuVersionsOfTheOracle() {
        VersionInfo unicode = UCharacter.getUnicodeVersion();
        assertThat(GraphemeData.UNICODE_VERSION).isEqualTo(unicode.getMajor() + "." + unicode.getMinor() + "." + unicode.getMilli())
                .isEqualTo("17.0.0");
        assertThat(GraphemeData.ICU_VERSION).isEqualTo(VersionInfo.ICU_VERSION.getMajor() + "." + VersionInfo.ICU_VERSION.getMinor());
        assertThat(GraphemeData.ranges()).hasSize(8 * GraphemeData.RANGE_COUNT);
    }

    @Test
    void readsCodePointsAboveTheFlatTableFromTheRanges() {
        assertThat(Graphemes.property(0xE0020)).isEqualTo(Graphemes.EXTEND); // a tag character
        assertThat(Graphemes.property(0xE0001)).isEqualTo(Graphemes.CONTROL);
        assertThat(Graphemes.property(0x20000)).isEqualTo(Graphemes.ANY); // CJK extension B
        assertThat(Graphemes.property(Character.MAX_CODE_POINT)).isEqualTo(Graphemes.ANY);
        assertThat(Graphemes.value(0x0915) >> 4).isEqualTo(Graphemes.INCB_CONSONANT);
        assertThat(Graphemes.value(0x094D) >> 4).isEqualTo(Graphemes.INCB_LINKER);
    }
}
