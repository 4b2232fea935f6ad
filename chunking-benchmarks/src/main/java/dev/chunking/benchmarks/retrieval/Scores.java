package dev.chunking.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recall, precision and IoU over characters (code points), as in Chroma's chunking evaluation,
 * with both sides taken as unions: the relevant characters are the union of a question's reference
 * ranges, the retrieved ones the union of its top chunks' spans (per document; a chunk of another
 * document retrieves only irrelevant characters). Then recall = |relevant ∩ retrieved| /
 * |relevant|, precision = |relevant ∩ retrieved| / |retrieved| and IoU = |relevant ∩ retrieved| /
 * |relevant ∪ retrieved|. (Chroma's own code sums the retrieved chunks' lengths, so text that two
 * overlapping chunks both hold counts twice there, and counts only the chunks that touch a
 * reference in IoU's denominator; here each retrieved character counts once, in all three.)
 *
 * @param recall share of the relevant characters retrieved, 0 to 1
 * @param precision share of the retrieved characters that are relevant, 0 to 1
 * @param iou intersection over union of the two sets, 0 to 1
 * @param retrieved characters retrieved
 */
public record Scores(double recall, double precision, double iou, double retrieved) {
    /**
     * Scores one question's retrieved spans.
     *
     * @param question the question, with its reference ranges
     * @param retrieved the units retrieved (their returned spans count), any documents
     * @return the scores
     */
    public static Scores of(Question question, List<RetrievalUnit> retrieved) {
        Map<String, List<Span>> byDocument = new HashMap<>();
        for (RetrievalUnit u : retrieved) {
            byDocument.computeIfAbsent(u.document(), d -> new ArrayList<>()).add(u.returned());
        }
        long retrievedChars = 0;
        for (List<Span> spans : byDocument.values()) {
            retrievedChars += Span.covered(spans);
        }
        long relevant = Span.covered(question.ranges());
        long hit = Span.overlap(question.ranges(), byDocument.getOrDefault(question.document(), List.of()));
        double recall = relevant == 0 ? 0 : (double) hit / relevant;
        double precision = retrievedChars == 0 ? 0 : (double) hit / retrievedChars;
        long union = relevant + retrievedChars - hit;
        double iou = union == 0 ? 0 : (double) hit / union;
        return new Scores(recall, precision, iou, retrievedChars);
    }

    /**
     * Returns the standard error of the mean recall over questions: how far the mean of this many
     * questions may lie from that of many more like them (one standard deviation of the
     * per-question recalls over the square root of their count).
     *
     * @param all one entry per question, at least two
     * @return the standard error, 0 to 1
     */
    public static double recallStandardError(List<Scores> all) {
        if (all.size() < 2) {
            throw new IllegalArgumentException("a standard error needs 2 or more scores, got " + all.size());
        }
        double mean = mean(all).recall();
        double squares = 0;
        for (Scores s : all) {
            squares += (s.recall() - mean) * (s.recall() - mean);
        }
        return Math.sqrt(squares / (all.size() - 1) / all.size());
    }

    /**
     * Averages scores over questions, each question weighing the same.
     *
     * @param all one entry per question, at least one
     * @return the means
     */
    public static Scores mean(List<Scores> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no scores to average");
        }
        double r = 0;
        double p = 0;
        double i = 0;
        double c = 0;
        for (Scores s : all) {
            r += s.recall();
            p += s.precision();
            i += s.iou();
            c += s.retrieved();
        }
        int n = all.size();
        return new Scores(r / n, p / n, i / n, c / n);
    }
}
