package dev.chunking.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.langchain4j.data.document.Metadata;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The heading path survives LangChain4j's string-only metadata as a JSON array, whatever the headings hold. */
class HeadingPathTest {

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
        String json = HeadingPath.encode(path);
        assertThat(HeadingPath.decode(json)).isEqualTo(path);
        assertThat(json.chars()).as("no raw control character").allMatch(c -> c >= 0x20);
    }

    @Test
    void thePathIsWrittenAsCompactJson() {
        assertThat(HeadingPath.encode(List.of("Install", "On \"Linux\"", "a\\b\n"))).isEqualTo("[\"Install\",\"On \\\"Linux\\\"\",\"a\\\\b\\u000a\"]");
        assertThat(HeadingPath.encode(List.of())).isEqualTo("[]");
    }

    @Test
    void theReaderTakesSpacesAndEveryJsonEscape() {
        assertThat(HeadingPath.decode(" [ \"a\\/b\\t\\r\\n\\b\\f\\u00e9\" , \"\" ] ")).containsExactly("a/b\t\r\n\b\f\u00e9", "");
        assertThat(HeadingPath.decode("[]")).isEmpty();
    }

    @Test
    void aSegmentWithoutHeadingsReadsAsAnEmptyPath() {
        assertThat(SegmentMetadata.headings(new Metadata())).isEmpty();
    }

    @Test
    void aValueThatIsNotAJsonArrayOfStringsFailsSayingWhereAndWhy() {
        assertThatThrownBy(() -> SegmentMetadata.headings(Metadata.from(SegmentMetadata.HEADINGS, "Install > Linux")))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("metadata chunking_headings is not a JSON array of strings: no '[' at char 0 of 'Install > Linux';"
                        + " it is written by ChunkingDocumentSplitter, read only segments it made");
        assertThatThrownBy(() -> HeadingPath.decode("[\"a\"] x")).hasMessageContaining("text after the array at char 6");
        assertThatThrownBy(() -> HeadingPath.decode("[\"a")).hasMessageContaining("an unterminated string at char 3");
        assertThatThrownBy(() -> HeadingPath.decode("[\"\\q\"]")).hasMessageContaining("the unknown escape \\q at char 3");
        assertThatThrownBy(() -> HeadingPath.decode("[\"\\u00zz\"]")).hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> HeadingPath.decode("[\"a\" \"b\"]")).hasMessageContaining("no ']' at char 5");
    }
}
