package dev.chunking.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every splitter of the benchmark places its units at the right code points. */
class SplittersTest {
    private static final String PROSE = ("# Title\n\nSome prose, with a sentence. Another one follows here.\n\n"
            + "- a list item\n- another 😀 item with 世界\n\n```js\nconst x = 1;\n```\n\n").repeat(30);

    @Test
    void theAlignerPlacesSegmentsThatDifferFromTheSourceOnlyInWhitespace() {
        SourceText doc = new SourceText("d.md", "Alpha beta.\n\n\nGamma   delta.\nEpsilon 😀 zeta.");
        List<Span> spans = SegmentAligner.align(doc, List.of("Alpha beta.\n\nGamma delta.", "  ", "Gamma delta. Epsilon 😀"), 20);
        assertThat(spans).hasSize(2);
        assertThat(doc.slice(spans.get(0))).isEqualTo("Alpha beta.\n\n\nGamma   delta.");
        assertThat(doc.slice(spans.get(1))).isEqualTo("Gamma   delta.\nEpsilon 😀");
        assertThatThrownBy(() -> SegmentAligner.align(doc, List.of("Alpha gamma"), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a segment is not in d.md even up to whitespace: \"Alpha gamma\"");
    }

    @Test
    void langChain4jSegmentsAreAlignedInOrderAndCoverTheirText() {
        SourceText doc = new SourceText("p.md", PROSE);
        List<RetrievalUnit> units = new LangChain4jSplitter("lc4j", DocumentSplitters.recursive(200, 40), 40).split(doc);
        assertThat(units).hasSizeGreaterThan(10);
        for (int i = 1; i < units.size(); i++) {
            assertThat(units.get(i).embedded().start()).isGreaterThan(units.get(i - 1).embedded().start());
        }
        assertThat(units.get(0).embedded().start()).isZero();
        assertThat(units.get(units.size() - 1).embedded().end()).isEqualTo(doc.codePoints() - 2); // the final blank line is trimmed
    }

    @Test
    void theFixedWindowStepsBySizeLessOverlapInCodePointsOrTokens() {
        SourceText letters = new SourceText("l.txt", "abcdefghij");
        assertThat(new TokenWindowSplitter("w", 4, 1, null).split(letters)).extracting(RetrievalUnit::embedded)
                .containsExactly(new Span(0, 4), new Span(3, 7), new Span(6, 10));
        SourceText doc = new SourceText("p.md", PROSE);
        List<RetrievalUnit> windows = new TokenWindowSplitter("w", 50, 0,
                Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE)).split(doc);
        assertThat(windows.get(0).embedded().start()).isZero();
        assertThat(windows.get(windows.size() - 1).embedded().end()).isEqualTo(doc.codePoints());
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).embedded().start()).isEqualTo(windows.get(i - 1).embedded().end());
        }
        assertThatThrownBy(() -> new TokenWindowSplitter("w", 4, 4, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window size 4 and overlap 4 need size >= 1 and 0 <= overlap < size");
    }

    @Test
    void hierarchicalEmbedsItsFinestChunksAndReturnsTheirTopLevelParents() {
        SourceText doc = new SourceText("p.md", PROSE);
        Chunking chunking = Chunking.of("hierarchical", ChunkingOptions.builder().maxSize(400).overlap(0)
                .parameter("levels", "400,100").build());
        List<RetrievalUnit> units = LibrarySplitter.smallToBig("hierarchical", chunking).split(doc);
        Set<Span> parents = new HashSet<>();
        for (RetrievalUnit u : units) {
            assertThat(u.embedded().length()).isLessThanOrEqualTo(100);
            assertThat(u.returned().length()).isLessThanOrEqualTo(400);
            parents.add(u.returned());
        }
        assertThat(parents.size()).isLessThan(units.size() / 2);
        List<RetrievalUnit> flat = LibrarySplitter.chunks("recursive", Chunking.recursive(400, 0)).split(doc);
        assertThat(flat).allSatisfy(u -> assertThat(u.returned()).isEqualTo(u.embedded()));
    }

    @Test
    void settingsParseTheirDefaultsAndRefuseValuesNamingTheOption() {
        RetrievalSettings d = RetrievalSettings.parse();
        assertThat(d.embedder()).isEqualTo("minilm");
        assertThat(d.sizes()).containsExactly(200, 400, 800);
        assertThat(d.splitters()).hasSize(8);
        assertThat(d.means()).isFalse();
        assertThat(RetrievalSettings.parse("--means", "yes").means()).isTrue();
        assertThat(d.read()).isFalse();
        assertThat(RetrievalSettings.parse("--read", "yes").read()).isTrue();
        assertThatThrownBy(() -> RetrievalSettings.parse("--read", "all")).hasMessageContaining("--read: all is neither yes nor no");
        assertThatThrownBy(() -> RetrievalSettings.parse("--means", "maybe")).hasMessageContaining("--means: maybe is neither yes nor no");
        RetrievalSettings s = RetrievalSettings.parse("--embedder", "lexical", "--sizes", "100,300", "--overlaps", "0,50",
                "--unit", "chars", "--splitters", "markdown,fixed-window");
        assertThat(s.tokens()).isFalse();
        assertThat(s.overlaps()).containsExactly(0, 50);
        assertThat(RetrievalSettings.overlapOf(300, 25)).isEqualTo(75);
        assertThatThrownBy(() -> RetrievalSettings.parse("--splitters", "semantc")).hasMessageContaining("--splitters: unknown semantc");
        assertThatThrownBy(() -> RetrievalSettings.parse("--overlaps", "95")).hasMessageContaining("--overlaps: 95 is not a percentage");
        assertThatThrownBy(() -> RetrievalSettings.parse("--size", "1")).hasMessageContaining("unknown option --size");
        assertThatThrownBy(() -> RetrievalSettings.parse("--top")).hasMessageContaining("--top needs a value");
    }
}
