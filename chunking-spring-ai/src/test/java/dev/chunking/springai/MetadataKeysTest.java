package dev.chunking.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.testing.StringConstants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metadata keys are pinned, name by name, so that they cannot drift from the LangChain4j
 * bridge's {@code SegmentMetadata} again (the keys both write have the same names and formats); the
 * heading path's reader refuses what the splitter did not write.
 */
class MetadataKeysTest {

    @Test
    void theKeysAreExactlySpringAisThreeAndTheNamesTheLangChain4jBridgeWritesToo() {
        assertThat(StringConstants.of(MetadataKeys.class)).isEqualTo(Map.ofEntries(
                Map.entry("PARENT_DOCUMENT_ID", "parent_document_id"), Map.entry("CHUNK_INDEX", "chunk_index"),
                Map.entry("TOTAL_CHUNKS", "total_chunks"),
                Map.entry("START", "chunking_start"), Map.entry("END", "chunking_end"),
                Map.entry("BYTE_START", "chunking_byte_start"), Map.entry("BYTE_END", "chunking_byte_end"),
                Map.entry("ID", "chunking_id"), Map.entry("PARENT_ID", "chunking_parent_id"),
                Map.entry("HEADINGS", "chunking_headings"), Map.entry("LEVEL", "chunking_level"),
                Map.entry("STRATEGY", "chunking_strategy")));
        assertThat(MetadataKeys.EXCLUDED_FROM_EMBEDDING).containsExactly("chunking_start", "chunking_end",
                "chunking_byte_start", "chunking_byte_end", "chunking_id", "chunking_parent_id", "chunking_level",
                "chunking_strategy");
    }

    @Test
    void aDocumentWithoutHeadingsReadsAsAnEmptyPath() {
        assertThat(MetadataKeys.headings(Map.of("source", "guide.md"))).isEmpty();
    }

    @Test
    void aValueThatIsNotAJsonArrayOfStringsFailsNamingTheKeyAndWhere() {
        assertThatThrownBy(() -> MetadataKeys.headings(Map.of(MetadataKeys.HEADINGS, "Guide > Install")))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("document metadata chunking_headings is not a JSON array of strings: no '[' at char 0 of"
                        + " 'Guide > Install'; read only values HeadingPath.toJson wrote");
        assertThatThrownBy(() -> MetadataKeys.headings(Map.of(MetadataKeys.HEADINGS, List.of("Guide"))))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("document metadata chunking_headings is a java.util.")
                .hasMessageEndingWith(", not a String holding a JSON array of strings; ChunkingTextSplitter writes it as a"
                        + " String, read only documents it made");
    }
}
