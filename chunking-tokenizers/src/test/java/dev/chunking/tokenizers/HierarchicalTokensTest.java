package dev.chunking.tokenizers;

import static dev.chunking.testing.TextRanges.endsParagraph;
import static dev.chunking.testing.TextRanges.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code hierarchical} sized in BPE tokens on the real documents: every chunk of every level is an
 * exact slice within its level's size, counted as the counter counts it, inside its parent; and a
 * parent that is followed by another and does not end at a paragraph end (a blank line) ends where
 * its next child did not fit. Parents cut at a paragraph end are made of whole children too, so
 * their size in tokens is counted again here, not assumed.
 */
class HierarchicalTokensTest {

    @ParameterizedTest(name = "{0}, levels {1}, overlap {2}")
    @CsvSource({"o200k_base, '1024,256,64', 0", "cl100k_base, '1024,256,64', 0", "o200k_base, '160,40', 10",
        "cl100k_base, '160,40', 10"})
    void keepsEveryLevelWithinItsSizeInTokensAndEndsParentsWhereTheNextChildDidNotFit(String encoding, String levels, int overlap) {
        TokenCounter counter = encoding.equals("o200k_base") ? new BpeTokenCounter.O200kBase() : new BpeTokenCounter.Cl100kBase();
        String[] parts = levels.split(",");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = Integer.parseInt(parts[i]);
        }
        Chunking chunking = Chunking.of("hierarchical", ChunkingOptions.builder().maxSize(sizes[0]).overlap(overlap).unit(SizeUnit.TOKENS)
                .tokenCounter(encoding).parameter("levels", levels).build());
        int parentsChecked = 0;
        for (String name : RealDocuments.NAMES) {
            String text = new String(RealDocuments.read(name), StandardCharsets.UTF_8);
            List<Chunk> chunks = chunking.chunk(DocumentId.of(name), text);
            Map<String, Chunk> byId = new HashMap<>();
            List<List<Chunk>> byLevel = new ArrayList<>();
            for (Chunk c : chunks) {
                int level = c.metadata().level();
                assertThat(c.text()).as("an exact slice").isEqualTo(slice(text, c.start(), c.end()));
                assertThat(c.size()).as("%s counted as %s counts it", c, encoding).isEqualTo(counter.count(c.text()))
                        .isLessThanOrEqualTo(sizes[level]);
                byId.put(c.metadata().id().orElseThrow(), c);
                while (byLevel.size() <= level) {
                    byLevel.add(new ArrayList<>());
                }
                byLevel.get(level).add(c);
            }
            for (Chunk c : chunks) {
                c.metadata().parent().map(byId::get).ifPresent(parent -> assertThat(c.start() >= parent.start() && c.end() <= parent.end())
                        .as("%s lies in its parent", c).isTrue());
            }
            for (int level = 0; level + 1 < byLevel.size(); level++) {
                List<Chunk> parents = byLevel.get(level);
                List<Chunk> children = byLevel.get(level + 1);
                int next = 0;
                for (int i = 0; i + 1 < parents.size(); i++) {
                    Chunk parent = parents.get(i);
                    while (children.get(next).end() <= parent.end()) {
                        next++;
                    }
                    if (!endsParagraph(parent.text())) {
                        assertThat(counter.count(slice(text, parent.start(), children.get(next).end())))
                                .as("%s ends before a child that fits", parent).isGreaterThan(sizes[level]);
                        parentsChecked++;
                    }
                }
            }
        }
        assertThat(parentsChecked).as("parents that end inside a paragraph, checked").isPositive();
    }
}
