package dev.chunking.benchmarks.retrieval;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The mean difference of one score between two splitters over the same questions, with the
 * standard error of that mean. Both splitters answer every question, so the difference is taken
 * question by question: what the two rows share (an easy question is easy for both) cancels, and
 * the error is that of the differences, usually well under the two rows' own errors. A difference
 * within about two standard errors of zero is not established by this question set.
 *
 * @param mean the mean of {@code a - b} over the questions, in the score's unit (0 to 1 shares)
 * @param standardError the standard deviation of the per-question differences over the square root
 *     of their count
 */
public record PairedDifference(double mean, double standardError) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if either is not finite, or the error is negative
     */
    public PairedDifference {
        if (!Double.isFinite(mean) || !Double.isFinite(standardError) || standardError < 0) {
            throw new IllegalArgumentException("a paired difference needs a finite mean and a finite standard error of 0 or"
                    + " more, got " + mean + " ± " + standardError);
        }
    }

    /**
     * Compares two rows question by question.
     *
     * @param a one row's scores, one per question
     * @param b the other row's scores for the same questions, in the same order
     * @param metric the score compared, e.g. {@code Scores::recall}
     * @return the mean of {@code metric(a) - metric(b)} and its standard error
     * @throws IllegalArgumentException if the rows differ in length or hold fewer than two questions
     */
    public static PairedDifference of(List<Scores> a, List<Scores> b, ToDoubleFunction<Scores> metric) {
        if (a.size() != b.size() || a.size() < 2) {
            throw new IllegalArgumentException("a paired difference needs two rows of the same 2 or more questions, got "
                    + a.size() + " and " + b.size());
        }
        int n = a.size();
        double[] d = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            d[i] = metric.applyAsDouble(a.get(i)) - metric.applyAsDouble(b.get(i));
            sum += d[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : d) {
            squares += (x - mean) * (x - mean);
        }
        return new PairedDifference(mean, Math.sqrt(squares / (n - 1) / n));
    }

    /**
     * Whether the difference lies more than two standard errors from zero, in either direction.
     *
     * @return true when this question set establishes it
     */
    public boolean established() {
        return Math.abs(mean) > 2 * standardError;
    }
}
