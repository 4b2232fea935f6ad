package dev.chunking.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chunking.strategy.LexicalEmbedder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the model reads of a chunk: the prefix under its token limit, and the share of the answers inside such prefixes. */
class ModelWindowTest {
    /** Counts words plus two, as a model counts [CLS] and [SEP], capped at the limit as minilm's count is. */
    private static ModelWindow words(int limit) {
        return new ModelWindow(text -> Math.min(limit, text.isBlank() ? 2 : text.trim().split(" +").length + 2), limit);
    }

    @Test
    void readsAWholeShortSpanAndTheLongestPrefixUnderTheLimitOfALongOne() {
        SourceText doc = new SourceText("d.md", "alpha beta gamma delta epsilon");
        ModelWindow window = words(5); // under 5: at most two words
        assertThat(window.read(doc, new Span(0, 10))).isEqualTo(new Span(0, 10)); // "alpha beta"
        assertThat(window.read(doc, new Span(0, 30))).isEqualTo(new Span(0, 11)); // "alpha beta ", not "alpha beta g"
        assertThat(window.read(doc, new Span(6, 30))).isEqualTo(new Span(6, 17)); // "beta gamma "
    }

    @Test
    void measuresTheUnitsLongerThanReadAndTheShareOfTheReferenceTextRead() {
        SourceText doc = new SourceText("d.md", "alpha beta gamma delta epsilon");
        Question early = new Question("d-01", "Which first?", "d.md", List.of("beta"), List.of(new Span(6, 10)));
        Question late = new Question("d-02", "Which last?", "d.md", List.of("epsilon"), List.of(new Span(23, 30)));
        QuestionSet set = new QuestionSet(List.of(early, late), Map.of("d.md", doc));
        List<RetrievalUnit> halves = List.of(RetrievalUnit.of("d.md", new Span(0, 17)), RetrievalUnit.of("d.md", new Span(17, 30)));
        ModelWindow.Reach reach = words(5).measure(halves, set);
        // "alpha beta gamma " is read as "alpha beta "; "delta epsilon" whole: every reference code point is read
        assertThat(reach.units()).isEqualTo(2);
        assertThat(reach.longer()).isEqualTo(1);
        assertThat(reach.referenceRead()).isCloseTo(1.0, within(1e-12));
        ModelWindow.Reach narrow = words(4).measure(halves, set); // one word: "alpha " and "delta "
        assertThat(narrow.longer()).isEqualTo(2);
        assertThat(narrow.referenceRead()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void knowsTheWindowOfMinilmOnlyAndRefusesALimitUnderOne() {
        assertThat(ModelWindow.of(new LexicalEmbedder())).isEmpty();
        assertThatThrownBy(() -> new ModelWindow(String::length, 0)).hasMessageContaining("limit 0 must be at least 1");
    }
}
