package dev.chunking.tokenizers;

import static dev.chunking.testing.TextRanges.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.HierarchicalStrategy;
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
 * exact slice within its level's size, counted as the counter counts it, inside its parent; and the
 * children of every parent are exactly the chunks {@code recursive} cuts from the parent's text
 * with the level's options, in the same tokens.
 */
class HierarchicalTokensTest {

    @ParameterizedTest(name = "{0}, levels {1}, overlap {2}")
    @CsvSource({"o200k_base, '1024,256,64', 0", "cl100k_base, '1024,256,64', 0", "o200k_base, '160,40', 10",
        "cl100k_base, '160,40', 10"})
    void keepsEveryLevelWithinItsSizeInTokensAndCutsEachParentAsRecursiveCutsIt(String encoding, String levels, int overlap) {
        TokenCounter counter = encoding.equals("o200k_base") ? new BpeTokenCounter.O200kBase() : new BpeTokenCounter.Cl100kBase();
        String[] parts = levels.split(",");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = Integer.parseInt(parts[i]);
        }
        ChunkingOptions options = ChunkingOptions.builder().maxSize(sizes[0]).overlap(overlap).unit(SizeUnit.TOKENS)
                .tokenCounter(encoding).parameter("levels", levels).build();
        ChunkingOptions[] levelOptions = HierarchicalStrategy.levelOptions(options);
        Chunking chunking = Chunking.of("hierarchical", options);
        int parentsChecked = 0;
        for (String name : RealDocuments.NAMES) {
            String text = new String(RealDocuments.read(name), StandardCharsets.UTF_8);
            List<Chunk> chunks = chunking.chunk(DocumentId.of(name), text);
            Map<String, Chunk> byId = new HashMap<>();
            Map<String, List<Chunk>> children = new HashMap<>();
            for (Chunk c : chunks) {
                int level = c.metadata().level();
                assertThat(c.text()).as("an exact slice").isEqualTo(slice(text, c.start(), c.end()));
                assertThat(c.size()).as("%s counted as %s counts it", c, encoding).isEqualTo(counter.count(c.text()))
                        .isLessThanOrEqualTo(sizes[level]);
                byId.put(c.metadata().id().orElseThrow(), c);
                c.metadata().parent().ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(c));
            }
            for (Chunk c : chunks) {
                c.metadata().parent().map(byId::get).ifPresent(parent -> assertThat(c.start() >= parent.start() && c.end() <= parent.end())
                        .as("%s lies in its parent", c).isTrue());
                int below = c.metadata().level() + 1;
                if (below < sizes.length) {
                    List<Chunk> expected = Chunking.of("recursive", levelOptions[below]).chunk(DocumentId.of(name), c.text());
                    assertThat(children.get(c.metadata().id().orElseThrow())).extracting(k -> k.start() + "-" + k.end() + " " + k.size())
                            .as("the children of %s", c).containsExactlyElementsOf(expected.stream()
                                    .map(k -> (k.start() + c.start()) + "-" + (k.end() + c.start()) + " " + k.size()).toList());
                    parentsChecked += expected.size() > 1 ? 1 : 0;
                }
            }
        }
        assertThat(parentsChecked).as("parents cut into two or more children, checked").isPositive();
    }
}
