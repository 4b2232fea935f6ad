package dev.chunking.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans, scores and the vector index compute what the benchmark's table reports. */
class ScoringTest {
    @Test
    void unionMergesOverlappingAndTouchingSpansAndOverlapCountsSharedCodePoints() {
        List<Span> a = List.of(new Span(10, 20), new Span(0, 5), new Span(5, 8), new Span(15, 25));
        assertThat(Span.union(a)).containsExactly(new Span(0, 8), new Span(10, 25));
        assertThat(Span.covered(a)).isEqualTo(23);
        assertThat(Span.overlap(a, List.of(new Span(6, 12), new Span(24, 40)))).isEqualTo(2 + 2 + 1);
    }

    @Test
    void scoresCountEachRetrievedCharacterOnceAndOtherDocumentsAsIrrelevant() {
        Question q = new Question("d-01", "Q?", "d.md", List.of("x", "y"), List.of(new Span(10, 20), new Span(18, 22)));
        Scores s = Scores.of(q, List.of(RetrievalUnit.of("d.md", new Span(15, 35)), RetrievalUnit.of("d.md", new Span(30, 40)),
                RetrievalUnit.of("other.md", new Span(10, 20))));
        // relevant [10,22) = 12; retrieved [15,40) + 10 elsewhere = 35; both: [15,22) = 7
        assertThat(s.recall()).isCloseTo(7 / 12.0, within(1e-12));
        assertThat(s.precision()).isCloseTo(7 / 35.0, within(1e-12));
        assertThat(s.iou()).isCloseTo(7 / 40.0, within(1e-12));
        assertThat(s.retrieved()).isEqualTo(35);
        Scores mean = Scores.mean(List.of(s, new Scores(1, 1, 1, 5)));
        assertThat(mean.recall()).isCloseTo((7 / 12.0 + 1) / 2, within(1e-12));
        assertThat(mean.retrieved()).isEqualTo(20);
        List<Scores> halves = List.of(new Scores(0, 0, 0, 1), new Scores(1, 0, 0, 1), new Scores(0, 0, 0, 1), new Scores(1, 0, 0, 1));
        // recalls 0,1,0,1: sample standard deviation sqrt(1/3), over sqrt(4)
        assertThat(Scores.recallStandardError(halves)).isCloseTo(Math.sqrt(1 / 3.0) / 2, within(1e-12));
    }

    @Test
    void theIndexRanksByCosineAndCountsAParentRetrievedTwiceOnce() {
        RetrievalUnit leafA = new RetrievalUnit("d.md", new Span(0, 5), new Span(0, 20));
        RetrievalUnit leafB = new RetrievalUnit("d.md", new Span(5, 10), new Span(0, 20));
        RetrievalUnit leafC = new RetrievalUnit("d.md", new Span(20, 25), new Span(20, 40));
        VectorIndex index = new VectorIndex(List.of(leafA, leafB, leafC),
                List.of(new float[] {1, 0}, new float[] {2, 0.1f}, new float[] {0, 3}));
        assertThat(index.top(new float[] {5, 1}, 2)).containsExactly(leafB, leafC);
        assertThat(index.top(new float[] {0, 1}, 1)).containsExactly(leafC);
    }
}
