package dev.chunking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A heading path survives string-only metadata as a JSON array, whatever the headings hold. */
class HeadingPathTest {
    private static final String NAME = "metadata chunking_headings";

    @Provide
    Arbitrary<List<String>> paths() {
        Arbitrary<String> heading = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).filter(HeadingPathTest::wellFormed),
                Arbitraries.of("", "\"quoted\"", "back\\slash", "Two lines\nof heading", "tab\there", "A > B", "[\"x\",\"y\"]",
                        "\u00e9t\u00e9 \u6f22\u5b57 \ud83d\ude00", "\u0000\u001f\u007f"));
        return heading.list().ofMaxSize(6);
    }

    /** Headings come from decoded text: no lone surrogate. */
    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(++i)))
                    || Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 1000)
    void anyPathReadsBackAsItWasWritten(@ForAll("paths") List<String> path) {
        String json = HeadingPath.toJson(path);
        assertThat(HeadingPath.fromJson(json, NAME)).isEqualTo(path);
        assertThat(json.chars()).as("no raw control character").allMatch(c -> c >= 0x20);
    }

    @Test
    void thePathIsWrittenAsCompactJson() {
        assertThat(HeadingPath.toJson(List.of("Install", "On \"Linux\"", "a\\b\n")))
                .isEqualTo("[\"Install\",\"On \\\"Linux\\\"\",\"a\\\\b\\u000a\"]");
        assertThat(HeadingPath.toJson(List.of("Install", "On Linux"))).isEqualTo("[\"Install\",\"On Linux\"]");
        assertThat(HeadingPath.toJson(List.of())).isEqualTo("[]");
    }

    @Test
    void theReaderTakesSpacesAndEveryJsonEscape() {
        assertThat(HeadingPath.fromJson(" [ \"a\\/b\\t\\r\\n\\b\\f\\u00e9\" , \"\" ] ", NAME))
                .containsExactly("a/b\t\r\n\b\f\u00e9", "");
        assertThat(HeadingPath.fromJson("[]", NAME)).isEmpty();
    }

    @Test
    void aValueThatIsNotAJsonArrayOfStringsFailsNamingItAndSayingWhereAndWhy() {
        assertThatThrownBy(() -> HeadingPath.fromJson("Install > Linux", NAME))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("metadata chunking_headings is not a JSON array of strings: no '[' at char 0 of 'Install > Linux';"
                        + " read only values HeadingPath.toJson wrote");
        assertThatThrownBy(() -> HeadingPath.fromJson("[\"a\"] x", NAME)).hasMessageContaining("text after the array at char 6");
        assertThatThrownBy(() -> HeadingPath.fromJson("[\"a", NAME)).hasMessageContaining("an unterminated string at char 3");
        assertThatThrownBy(() -> HeadingPath.fromJson("[\"a\\", NAME)).hasMessageContaining("an unterminated escape at char 4");
        assertThatThrownBy(() -> HeadingPath.fromJson("[\"\\q\"]", NAME)).hasMessageContaining("the unknown escape \\q at char 3");
        assertThatThrownBy(() -> HeadingPath.fromJson("[\"\\u00zz\"]", NAME))
                .hasMessageContaining("a \\u escape that is not hexadecimal at char 6");
        assertThatThrownBy(() -> HeadingPath.fromJson("[\"\\u00", NAME)).hasMessageContaining("a short \\u escape at char 4");
        assertThatThrownBy(() -> HeadingPath.fromJson("[\"a\" \"b\"]", NAME)).hasMessageContaining("no ']' at char 5");
        assertThatThrownBy(() -> HeadingPath.fromJson("[1]", NAME)).hasMessageContaining("no '\"' at char 1");
    }

    @Test
    void aLongMalformedValueIsQuotedShortened() {
        String json = "x".repeat(100);

        assertThatThrownBy(() -> HeadingPath.fromJson(json, NAME))
                .hasMessageContaining("of '" + "x".repeat(80) + "...';");
    }

    @Test
    void nullIsRefusedOnBothSides() {
        assertThatThrownBy(() -> HeadingPath.fromJson(null, NAME)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("metadata chunking_headings is null, not a JSON array of strings; read only values"
                        + " HeadingPath.toJson wrote");
        assertThatThrownBy(() -> HeadingPath.toJson(null)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("heading path null is or holds null; give a list of non-null headings (List.of() for none)");
        assertThatThrownBy(() -> HeadingPath.toJson(Arrays.asList("Install", null))).isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("heading path [Install, null] is or holds null");
    }
}
