package dev.chunking.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A range of code points {@code [start, end)} in one document: a reference excerpt, or the part
 * of a document a chunk covers. Immutable; the static helpers take and return new lists.
 *
 * @param start code-point offset of the first code point, inclusive, at least 0
 * @param end code-point offset after the last code point, exclusive, at least {@code start}
 */
public record Span(int start, int end) {
    /**
     * Validates the offsets.
     *
     * @throws IllegalArgumentException if {@code start} is negative or after {@code end}
     */
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ") must have 0 <= start <= end");
        }
    }

    /**
     * Returns the number of code points covered.
     *
     * @return {@code end - start}
     */
    public int length() {
        return end - start;
    }

    /**
     * Merges spans that overlap or touch into a sorted list of disjoint spans.
     *
     * @param spans any spans, in any order (not changed)
     * @return the union, sorted by start, no two touching; empty spans are dropped
     */
    public static List<Span> union(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
        List<Span> merged = new ArrayList<>();
        for (Span s : sorted) {
            if (s.length() == 0) {
                continue;
            }
            int last = merged.size() - 1;
            if (last >= 0 && s.start() <= merged.get(last).end()) {
                Span prev = merged.get(last);
                merged.set(last, new Span(prev.start(), Math.max(prev.end(), s.end())));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    /**
     * Counts the code points covered by the union of some spans.
     *
     * @param spans any spans, in any order
     * @return the size of their union
     */
    public static long covered(List<Span> spans) {
        long total = 0;
        for (Span s : union(spans)) {
            total += s.length();
        }
        return total;
    }

    /**
     * Counts the code points that both unions cover.
     *
     * @param a any spans
     * @param b any spans
     * @return the size of {@code union(a) ∩ union(b)}
     */
    public static long overlap(List<Span> a, List<Span> b) {
        List<Span> x = union(a);
        List<Span> y = union(b);
        long total = 0;
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            Span p = x.get(i);
            Span q = y.get(j);
            total += Math.max(0, Math.min(p.end(), q.end()) - Math.max(p.start(), q.start()));
            if (p.end() <= q.end()) {
                i++;
            } else {
                j++;
            }
        }
        return total;
    }
}
