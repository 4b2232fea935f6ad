package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.langchain4j.ChunkingDocumentSplitter;
import dev.chunking.langchain4j.SegmentMetadata;
import dev.chunking.springai.ChunkingTextSplitter;
import dev.chunking.springai.MetadataKeys;
import dev.chunking.testing.StringConstants;
import dev.langchain4j.data.segment.TextSegment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

/**
 * The one module that sees both framework bridges checks that they cannot drift apart: a fact both
 * write has the same constant name, key and value in each, so a vector store holding LangChain4j
 * segments and Spring AI documents of the same source reads them alike. (Each framework's own keys
 * differ on purpose: Spring AI's {@code chunk_index}, LangChain4j's {@code index}.)
 */
class BridgeMetadataKeysTest {
    private static final String GUIDE = "# Guide\n\nIntro text.\n\n## Install > On \"Linux\"\n\nRun the installer and wait"
            + " until it is done.\n\n### Step 1\n\nDownload the archive and unpack it somewhere.\n";

    @Test
    void everyChunkingKeyOfTheSpringAiBridgeIsALangChain4jKeyUnderTheSameConstantName() {
        Map<String, String> spring = StringConstants.of(MetadataKeys.class);
        spring.values().removeIf(key -> !key.startsWith(SegmentMetadata.PREFIX));

        assertThat(spring).containsOnlyKeys("START", "END", "BYTE_START", "BYTE_END", "ID", "PARENT_ID", "HEADINGS", "LEVEL",
                "STRATEGY");
        assertThat(StringConstants.of(SegmentMetadata.class)).containsAllEntriesOf(spring);
    }

    @Test
    void bothBridgesWriteTheSameOffsetsHeadingsLevelAndStrategyForTheSameSource() {
        List<TextSegment> segments = ChunkingDocumentSplitter.builder().strategy("markdown").maxSize(60).overlap(0).minSize(0)
                .build().split(dev.langchain4j.data.document.Document.from(GUIDE));
        List<Document> documents = ChunkingTextSplitter.builder().strategy("markdown")
                .options(ChunkingOptions.builder().maxSize(60).overlap(0).minSize(0).build()).build()
                .apply(List.of(new Document("guide", GUIDE, Map.of())));

        assertThat(segments).hasSameSizeAs(documents).hasSizeGreaterThan(2);
        for (int i = 0; i < segments.size(); i++) {
            Map<String, Object> lc4j = segments.get(i).metadata().toMap();
            Map<String, Object> springAi = documents.get(i).getMetadata();
            for (String key : List.of(MetadataKeys.START, MetadataKeys.END, MetadataKeys.BYTE_START, MetadataKeys.BYTE_END,
                    MetadataKeys.HEADINGS, MetadataKeys.LEVEL, MetadataKeys.STRATEGY)) {
                assertThat(springAi.get(key)).as("%s of chunk %d", key, i).isEqualTo(lc4j.get(key));
            }
            assertThat(MetadataKeys.headings(springAi)).isEqualTo(SegmentMetadata.headings(segments.get(i).metadata()));
        }
        assertThat(documents.get(1).getMetadata()).containsEntry(MetadataKeys.HEADINGS, "[\"Guide\",\"Install > On \\\"Linux\\\"\"]");
    }
}
