package dev.chunking.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    @Test
    void aPairedDifferenceIsTheMeanOfThePerQuestionDifferencesWithTheirStandardError() {
        List<Scores> a = recalls(0.5, 1, 0.25, 1);
        List<Scores> b = recalls(0.25, 0.5, 0.25, 0.75);
        // differences 0.25, 0.5, 0, 0.25: mean 0.25, sample variance (0 + 1/16 + 1/16 + 0) / 3
        PairedDifference d = PairedDifference.of(a, b, Scores::recall);
        assertThat(d.mean()).isCloseTo(0.25, within(1e-12));
        assertThat(d.standardError()).isCloseTo(Math.sqrt(2 / 16.0 / 3) / 2, within(1e-12));
        assertThat(d.established()).isTrue();
        // a shift shared by every question cancels: the rows' own errors do not add up
        assertThat(PairedDifference.of(recalls(0.1, 0.9, 0.3, 0.7), recalls(0, 0.8, 0.2, 0.6), Scores::recall).standardError())
                .isCloseTo(0, within(1e-12));
        assertThat(PairedDifference.of(recalls(1, 0, 1, 0), recalls(0, 1, 0, 1), Scores::recall).established()).isFalse();
        assertThatThrownBy(() -> PairedDifference.of(a, recalls(1, 1, 1), Scores::recall))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a paired difference needs two rows of the same 2 or more questions, got 4 and 3");
    }

    @Test
    void thePairedTableComparesEachRowWithTheReferencesOfItsSizeAndMarksEstablishedDifferences() {
        RetrievalHarness.Row ref = row(recalls(0.5, 0.5, 0.5, 0.5));
        RetrievalHarness.Row better = row(recalls(1, 1, 1, 0.75));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PairedTable.print(List.of(new RetrievalHarness.MeasuredRow("markdown", "200", 0, better),
                new RetrievalHarness.MeasuredRow(RetrievalHarness.LANGCHAIN4J, "200", 0, ref),
                new RetrievalHarness.MeasuredRow("markdown", "400", 0, ref)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("| splitter | size | overlap | recall − langchain4j-recursive | IoU − langchain4j-recursive |")
                .doesNotContain("fixed-window")
                .contains("| markdown | 200 | 0% | +43.8 ± 6.3 * | +43.75 ± 6.25 * |")
                .contains("| langchain4j-recursive | 200 | 0% | — | — |")
                .contains("| markdown | 400 | 0% | — | — |");
    }

    @Test
    void sizeMeansAverageEachQuestionOverTheSizesOfEachSplitterAndOverlapAndPairTheMeans() {
        List<RetrievalHarness.MeasuredRow> rows = List.of(
                new RetrievalHarness.MeasuredRow("markdown", "196", 0, row(recalls(1, 0, 1, 0.5))),
                new RetrievalHarness.MeasuredRow(RetrievalHarness.LANGCHAIN4J, "196", 0, row(recalls(0.5, 0, 0.5, 0.5))),
                new RetrievalHarness.MeasuredRow("markdown", "204", 0, row(recalls(0, 1, 1, 0.5))),
                new RetrievalHarness.MeasuredRow(RetrievalHarness.LANGCHAIN4J, "204", 0, row(recalls(0.5, 0, 0.5, 0.5))),
                new RetrievalHarness.MeasuredRow("markdown", "196", 50, row(recalls(1, 1, 1, 1))));
        List<RetrievalHarness.MeasuredRow> means = SizeMeans.of(rows);
        assertThat(means).extracting(RetrievalHarness.MeasuredRow::splitter, RetrievalHarness.MeasuredRow::size,
                        RetrievalHarness.MeasuredRow::overlapPercent)
                .containsExactly(tuple("markdown", "196–204", 0), tuple(RetrievalHarness.LANGCHAIN4J, "196–204", 0),
                        tuple("markdown", "196", 50));
        // question by question: (1 + 0) / 2, (0 + 1) / 2, (1 + 1) / 2, (0.5 + 0.5) / 2
        assertThat(means.get(0).row().perQuestion()).extracting(Scores::recall).containsExactly(0.5, 0.5, 1.0, 0.5);
        assertThat(means.get(0).row().scores().recall()).isCloseTo(0.625, within(1e-12));
        assertThat(means.get(0).row().chunks()).isEqualTo(4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PairedTable.print(means, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // differences 0, 0.5, 0.5, 0: mean 0.25, sample variance 1/12, error sqrt(1/12/4)
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| markdown | 196–204 | 0% | +25.0 ± 14.4 | +25.00 ± 14.43 |")
                .contains("| markdown | 196 | 50% | — | — |");
        assertThatThrownBy(() -> SizeMeans.of(List.of(rows.get(0),
                new RetrievalHarness.MeasuredRow("markdown", "204", 0, row(recalls(1, 1, 1))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("markdown at 204 scored 3 questions where its first size scored 4; average rows over the same questions only");
    }

    private static List<Scores> recalls(double... r) {
        return Arrays.stream(r).mapToObj(x -> new Scores(x, x, x, 1)).toList();
    }

    private static RetrievalHarness.Row row(List<Scores> scores) {
        return new RetrievalHarness.Row(4, Scores.mean(scores), Scores.recallStandardError(scores), scores);
    }
}
