package dev.chunking.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.RealDocuments;
import dev.chunking.testing.Texts;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.springframework.ai.document.Document;

/**
 * Over generated Unicode text (every script, cluster and separator the promises name), any
 * strategy and any size: the splitter's documents are exact slices of the source at the offsets
 * in their metadata, in order, with the strategy's heading paths read back exactly, and a text with
 * words gives at least one.
 */
class SplitterPropertiesTest {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown());
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of(RealDocuments.STRATEGIES);
    }

    @Property(tries = 300)
    void documentsAreExactSlicesOfTheSourceInOrder(@ForAll("texts") String text, @ForAll("strategies") String strategy,
                                                    @ForAll @IntRange(min = 8, max = 400) int maxSize,
                                                    @ForAll @IntRange(min = 0, max = 50) int overlapPercent) {
        ChunkingOptions.Builder options = ChunkingOptions.builder().maxSize(maxSize).overlap(maxSize * overlapPercent / 100);
        if (strategy.equals("hierarchical")) {
            options.overlap(0).parameter("levels", maxSize + "," + Math.max(1, maxSize / 4));
        }
        ChunkingTextSplitter splitter = ChunkingTextSplitter.builder().strategy(strategy).options(options.build()).build();

        List<Document> documents = splitter.apply(List.of(new Document("generated", text, Map.of())));

        Slices.assertExact("generated", text, documents);
        assertThat(documents).as("heading paths read back as the strategy gave them")
                .extracting(d -> MetadataKeys.headings(d.getMetadata()))
                .containsExactlyElementsOf(splitter.chunking().chunk(DocumentId.of("generated"), text).stream()
                        .map(chunk -> chunk.metadata().headings()).toList());
        assertThat(documents).allSatisfy(d -> assertThat(d.getText()).isNotEmpty());
        if (text.codePoints().anyMatch(Character::isLetterOrDigit)) {
            assertThat(documents).as("a text with words gives a chunk").isNotEmpty();
        }
    }
}
