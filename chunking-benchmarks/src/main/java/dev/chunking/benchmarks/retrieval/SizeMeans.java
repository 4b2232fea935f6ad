package dev.chunking.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each row's scores averaged over the sizes of a run, question by question: one row per splitter
 * and overlap. A few tokens of size move boundaries, and with them which chunk is nearest a
 * question, by more than the paired error of one size shows (that error holds the cuts fixed);
 * the mean over nearby sizes ({@code --sizes 192,196,200,204,208 --means yes}) takes that draw out,
 * and its per-question scores let {@link PairedTable} compare the means as it compares sizes.
 * Stateless.
 */
final class SizeMeans {
    private SizeMeans() {
    }

    /**
     * Averages the rows of each splitter and overlap over their sizes.
     *
     * @param rows measured rows, each splitter and overlap at one or more sizes, every row over the
     *     same questions in the same order
     * @return one row per splitter and overlap, in order of first appearance, its size the range of
     *     sizes averaged ({@code "192–208"}), its chunk count the rounded mean count
     */
    static List<RetrievalHarness.MeasuredRow> of(List<RetrievalHarness.MeasuredRow> rows) {
        Map<String, List<RetrievalHarness.MeasuredRow>> groups = new LinkedHashMap<>();
        for (RetrievalHarness.MeasuredRow m : rows) {
            groups.computeIfAbsent(m.splitter() + '\u0000' + m.overlapPercent(), k -> new ArrayList<>()).add(m);
        }
        List<RetrievalHarness.MeasuredRow> out = new ArrayList<>();
        for (List<RetrievalHarness.MeasuredRow> group : groups.values()) {
            out.add(mean(group));
        }
        return out;
    }

    private static RetrievalHarness.MeasuredRow mean(List<RetrievalHarness.MeasuredRow> group) {
        int questions = group.get(0).row().perQuestion().size();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        double chunks = 0;
        double[][] sums = new double[questions][4];
        for (RetrievalHarness.MeasuredRow m : group) {
            List<Scores> scores = m.row().perQuestion();
            if (scores.size() != questions) {
                throw new IllegalArgumentException(m.splitter() + " at " + m.size() + " scored " + scores.size()
                        + " questions where its first size scored " + questions + "; average rows over the same questions only");
            }
            int size = Integer.parseInt(m.size());
            min = Math.min(min, size);
            max = Math.max(max, size);
            chunks += m.row().chunks();
            for (int i = 0; i < questions; i++) {
                Scores s = scores.get(i);
                sums[i][0] += s.recall();
                sums[i][1] += s.precision();
                sums[i][2] += s.iou();
                sums[i][3] += s.retrieved();
            }
        }
        int n = group.size();
        List<Scores> perQuestion = new ArrayList<>(questions);
        for (double[] sum : sums) {
            perQuestion.add(new Scores(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n));
        }
        RetrievalHarness.MeasuredRow first = group.get(0);
        RetrievalHarness.Row row = new RetrievalHarness.Row((int) Math.round(chunks / n), Scores.mean(perQuestion),
                Scores.recallStandardError(perQuestion), perQuestion);
        return new RetrievalHarness.MeasuredRow(first.splitter(), min == max ? Integer.toString(min) : min + "–" + max,
                first.overlapPercent(), row);
    }
}
