package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.testing.Feeds;
import dev.chunking.testing.Promises;
import dev.chunking.testing.Texts;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The {@code hybrid} strategy: sections whole, small ones merged under their parent, large ones split, sub-strategy recorded. */
class HybridStrategyTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    private static List<Chunk> chunk(String text, ChunkingOptions options) {
        List<Chunk> chunks = Chunking.of(HybridStrategy.NAME, options).chunk(DOC, text);
        Promises.assertKept(text, chunks, options);
        return chunks;
    }

    @Test
    void keepsEachSectionThatFitsAsOneChunkWithMinSizeZero() {
        String text = "# A\n\nOne.\n\nTwo.\n\n# B\n\nThree.\n\n## B.1\n\nFour.\n";
        List<Chunk> chunks = chunk(text, ChunkingOptions.builder().maxSize(1000).overlap(0).minSize(0).build());
        assertThat(chunks).extracting(Chunk::text).containsExactly("# A\n\nOne.\n\nTwo.\n\n", "# B\n\nThree.\n\n", "## B.1\n\nFour.\n");
        assertThat(chunks).allSatisfy(c -> assertThat(c.metadata().attributes()).containsEntry("subStrategy", "markdown"));
        assertThat(chunks.get(2).metadata().headings()).containsExactly("B", "B.1");
    }

    @Test
    void mergesTinySectionsByDefaultButNeverAcrossATopLevelHeading() {
        String text = "# A\n\nOne.\n\nTwo.\n\n# B\n\nThree.\n\n## B.1\n\nFour.\n";
        List<Chunk> chunks = chunk(text, ChunkingOptions.builder().maxSize(1000).overlap(0).build());
        assertThat(chunks).extracting(Chunk::text).containsExactly("# A\n\nOne.\n\nTwo.\n\n", "# B\n\nThree.\n\n## B.1\n\nFour.\n");
        assertThat(chunks.get(1).metadata().headings()).containsExactly("B");
    }

    @Test
    void aHeadingWithoutABodyJoinsTheChunkBeforeItInsteadOfStayingATinyChunk() {
        String a = "# A\n\n" + "Words of the first section. ".repeat(12) + "\n\n";
        String b = "# B\n\n" + "Words of the second section. ".repeat(12) + "\n";
        String text = a + "# stray comment line\n" + b;
        List<Chunk> chunks = chunk(text, ChunkingOptions.builder().maxSize(1000).overlap(0).build());
        assertThat(chunks).extracting(Chunk::text).containsExactly(a + "# stray comment line\n", b);
        assertThat(chunks.get(0).metadata().headings()).containsExactly("A");
    }

    @Test
    void mergesSmallSectionsWithTheNextUnderTheSameParentOnly() {
        String text = "# A\n\n## A.1\n\nx\n\n## A.2\n\ny\n\n# B\n\nz\n";
        List<Chunk> chunks = chunk(text, ChunkingOptions.builder().maxSize(1000).overlap(0).minSize(30).build());
        assertThat(chunks).extracting(Chunk::text).containsExactly("# A\n\n## A.1\n\nx\n\n## A.2\n\ny\n\n", "# B\n\nz\n");
        assertThat(chunks.get(0).metadata().headings()).containsExactly("A");
    }

    @Test
    void splitsAnOversizedSectionRecursivelyWithoutAnEmbedder() {
        String text = "# Big\n\n" + "Some words in a paragraph here.\n\n".repeat(10) + "# Next\n\nend\n";
        List<Chunk> chunks = chunk(text, ChunkingOptions.builder().maxSize(100).overlap(0).build());
        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(chunks.get(0).metadata().attributes()).containsEntry("subStrategy", "recursive");
        assertThat(chunks.get(chunks.size() - 1).text()).isEqualTo("# Next\n\nend\n");
        assertThat(chunks.get(chunks.size() - 1).metadata().attributes()).containsEntry("subStrategy", "markdown");
    }

    @Test
    void splitsAnOversizedSectionAtMeaningShiftsWithAnEmbedder() {
        String cooking = "Chop the onions and fry the onions in the pan. ".repeat(12);
        String stars = "The telescope shows the stars of the galaxy. ".repeat(12);
        String text = "# Notes\n\n" + cooking + stars;
        ChunkingOptions options = ChunkingOptions.builder().maxSize(text.length() - 1).overlap(0).parameter("embedder", "lexical")
                .parameter("window", "8").build();
        List<Chunk> chunks = chunk(text, options);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).end()).isEqualTo(9 + cooking.length());
        assertThat(chunks.get(0).metadata().attributes()).containsEntry("subStrategy", "semantic");
    }

    @Test
    void recordsTheSubStrategyOfAWholeLastSectionWhateverTheMaxSize() {
        String text = "# A\n" + "a".repeat(80) + "\n# B\n" + "x".repeat(30);
        for (int max : new int[] {100, 200}) {
            List<Chunk> chunks = chunk(text, ChunkingOptions.builder().maxSize(max).overlap(0).build());
            assertThat(chunks.get(chunks.size() - 1).text()).isEqualTo("# B\n" + "x".repeat(30));
            assertThat(chunks.get(chunks.size() - 1).metadata().attributes()).containsEntry("subStrategy", "markdown");
        }
    }

    @Test
    void refusesSemanticParametersWithoutAnEmbedder() {
        ChunkingOptions options = ChunkingOptions.builder().parameter("threshold", "50").build();
        Assertions.assertThatThrownBy(() -> Chunking.of(HybridStrategy.NAME, options).chunk(DOC, "x"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("parameter threshold has no effect without an embedder; set one (--embedder lexical) or leave --threshold out");
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown());
    }

    @Property(tries = 500)
    void keepsThePromisesWithAnEmbedderAndIgnoresTheFeed(@ForAll("documents") String text, @ForAll long seed) {
        Random random = new Random(seed);
        int max = 1 + random.nextInt(300);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(max).overlap(random.nextInt(max)).minSize(random.nextInt(max + 1) / 3)
                .parameter("embedder", "lexical").parameter("threshold", String.valueOf(1 + random.nextInt(99)))
                .parameter("window", "8").parameter("batch-size", String.valueOf(1 + random.nextInt(8))).build();
        Chunking chunking = Chunking.of(HybridStrategy.NAME, options);
        List<Chunk> whole = chunking.chunk(DOC, text);
        Promises.assertKept(text, whole, options);
        assertThat(Feeds.inRandomBytePieces(chunking, DOC, text, random, 15)).isEqualTo(whole);
    }
}
