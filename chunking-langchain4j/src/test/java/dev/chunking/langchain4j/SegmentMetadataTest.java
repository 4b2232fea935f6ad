package dev.chunking.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.testing.StringConstants;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metadata keys are pinned, name by name, so that they cannot drift from the Spring AI bridge's
 * {@code MetadataKeys} again (the keys both write have the same names and formats); the heading path
 * is a JSON array that reads back exactly, whatever its headings hold, and its reader refuses what
 * the splitter did not write.
 */
class SegmentMetadataTest {

    @Test
    void theKeysAreExactlyLangChain4jsIndexAndTheNamesTheSpringAiBridgeWritesToo() {
        assertThat(StringConstants.of(SegmentMetadata.class)).isEqualTo(Map.ofEntries(Map.entry("PREFIX", "chunking_"), Map.entry("INDEX", "index"),
                Map.entry("CHUNK_INDEX", "chunking_index"), Map.entry("START", "chunking_start"), Map.entry("END", "chunking_end"),
                Map.entry("BYTE_START", "chunking_byte_start"), Map.entry("BYTE_END", "chunking_byte_end"),
                Map.entry("SIZE", "chunking_size"), Map.entry("UNIT", "chunking_unit"), Map.entry("STRATEGY", "chunking_strategy"),
                Map.entry("LEVEL", "chunking_level"), Map.entry("ID", "chunking_id"), Map.entry("PARENT_ID", "chunking_parent_id"),
                Map.entry("HEADINGS", "chunking_headings"), Map.entry("ATTRIBUTE_PREFIX", "chunking_attribute_")));
    }

    @Test
    void theHeadingPathIsAJsonArrayThatReadsBackExactlyEvenWithASeparatorInAHeading() {
        String text = "# Guide\n\nIntro text.\n\n## Install > On \"Linux\"\n\nRun the installer and wait until it is done.\n";

        TextSegment install = ChunkingDocumentSplitter.builder().strategy("markdown").maxSize(60).overlap(0).minSize(0).build()
                .split(Document.from(text)).stream().filter(s -> s.text().contains("installer")).findFirst().orElseThrow();

        assertThat(install.metadata().getString(SegmentMetadata.HEADINGS)).isEqualTo("[\"Guide\",\"Install > On \\\"Linux\\\"\"]");
        assertThat(SegmentMetadata.headings(install.metadata())).containsExactly("Guide", "Install > On \"Linux\"");
    }

    @Test
    void aSegmentWithoutHeadingsReadsAsAnEmptyPath() {
        assertThat(SegmentMetadata.headings(new Metadata())).isEmpty();
    }

    @Test
    void aValueThatIsNotAJsonArrayOfStringsFailsNamingTheKeyAndWhere() {
        assertThatThrownBy(() -> SegmentMetadata.headings(Metadata.from(SegmentMetadata.HEADINGS, "Install > Linux")))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("segment metadata chunking_headings is not a JSON array of strings: no '[' at char 0 of"
                        + " 'Install > Linux'; read only values HeadingPath.toJson wrote");
    }
}
