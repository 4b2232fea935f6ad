package dev.chunking.testing;

import dev.chunking.domain.ChunkingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A slow, plainly written model of the built-in strategies over code-point arrays, with
 * cluster boundaries from the JDK regex engine. The engine scans UTF-8 bytes, skips ASCII
 * eight bytes at a time and finds candidates lazily; this model applies the documented rules
 * position by position, so the two must agree on every chunk. After a cluster longer than the
 * maximum is split, the rest of it is segmented afresh, as a run resumed there would. A chunk
 * whose start was cut inside a paragraph ends at the first paragraph boundary past the min size
 * (and past the blank lines after it) rather than the latest. Among paragraph boundaries, the latest
 * where a heading starts (a line starting with {@code #}, or a line underlined with three or more
 * {@code =} or {@code -}, seen whole before the cut's upper bound) comes first. Spans under the min size
 * are then merged into a neighbour, as the engine merges them one chunk later.
 */
public final class ReferenceChunker {
    private static final int NONE = -1;
    private static final int PARAGRAPH = 0;
    private static final int LINE = 1;
    private static final int SENTENCE = 2;
    private static final int WORD = 3;

    private final int[] t;
    private TreeSet<Integer> clusters;
    private final boolean structured;
    private final boolean paragraphsOnly;
    private int s;
    private int level; // the strength of what latest returned

    private ReferenceChunker(String text, boolean structured, boolean paragraphsOnly) {
        this.t = text.codePoints().toArray();
        this.clusters = Promises.graphemeBoundaries(text);
        this.structured = structured;
        this.paragraphsOnly = paragraphsOnly;
    }

    /**
     * The {@code [start, end)} code-point spans a plain strategy must produce, sizes in code points.
     *
     * @param structured whether chunks end at paragraph boundaries before the max size
     * @param paragraphsOnly whether only paragraph boundaries count ({@code character}), not also line, sentence
     *     and word boundaries ({@code recursive})
     */
    public static List<long[]> spans(String text, ChunkingOptions options, boolean structured, boolean paragraphsOnly) {
        return new ReferenceChunker(text, structured, paragraphsOnly).run(options.maxSize(), options.overlap(), options.minSize());
    }

    private List<long[]> run(int max, int overlap, int minSize) {
        List<long[]> spans = new ArrayList<>();
        int n = t.length;
        int prevEnd = 0;
        boolean insideParagraph = false; // whether the cut that started the chunk fell inside a paragraph
        s = 0;
        while (n > s + max) {
            boolean forced = false;
            int limit = s + max;
            int end = limit;
            while (end > prevEnd && !clusters.contains(end)) {
                end--;
            }
            if (end <= prevEnd) {
                if (s < prevEnd) {
                    s = prevEnd; // the overlap left no room for a whole cluster
                    continue;
                }
                end = limit; // one cluster longer than the maximum
                forced = true;
            }
            if (structured) {
                int after = minSize == 0 ? prevEnd : Math.max(prevEnd, s + minSize - 1);
                int best = after < end ? latest(after, end) : -1;
                boolean paragraph = best >= 0 && level == PARAGRAPH;
                if (paragraph && insideParagraph) {
                    best = earliestParagraph(after, best);
                }
                if (best >= 0) {
                    end = best;
                }
                insideParagraph = !paragraph;
            }
            spans.add(new long[] {s, end});
            prevEnd = end;
            if (forced) {
                restartClustersAt(end); // the rest of the long cluster is segmented afresh, as a resumed run would
            }
            int target = Math.max(end - overlap, s + 1);
            if (overlap == 0 || target >= end) {
                s = end;
                continue;
            }
            int at = structured ? earliest(target, end) : -1;
            if (at < 0) {
                at = target;
                while (at < end && !clusters.contains(at)) {
                    at++;
                }
            }
            s = at;
        }
        if (n > prevEnd) {
            spans.add(new long[] {s, n});
        }
        return merged(spans, max, minSize);
    }

    /**
     * The documented min-size rule: a span under the min size joins the one before it when
     * their union fits the max size, else the one after it when that union fits.
     */
    static List<long[]> merged(List<long[]> spans, int max, int minSize) {
        List<long[]> out = new ArrayList<>();
        for (long[] span : spans) {
            long[] held = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean tiny = held != null && (span[1] - span[0] < minSize || held[1] - held[0] < minSize);
            if (tiny && span[0] <= held[1] && span[1] > held[1] && span[1] - held[0] <= max) {
                out.set(out.size() - 1, new long[] {held[0], span[1]});
            } else {
                out.add(span);
            }
        }
        return out;
    }

    private void restartClustersAt(int at) {
        TreeSet<Integer> restarted = new TreeSet<>(clusters.headSet(at, true));
        for (int b : Promises.graphemeBoundaries(new String(t, at, t.length - at))) {
            restarted.add(at + b);
        }
        clusters = restarted;
    }

    private boolean lineBreakAt(int q) {
        return t[q] == '\n' || (t[q] == '\r' && (q + 1 >= t.length || t[q + 1] != '\n'));
    }

    private int latest(int after, int upTo) {
        int line = -1;
        int paragraph = -1;
        for (int q = upTo - 1; q >= after; q--) {
            if (lineBreakAt(q)) {
                if (blankLineEndsAt(q)) {
                    if (headingAt(q + 1, upTo)) {
                        level = PARAGRAPH;
                        return q + 1;
                    }
                    paragraph = Math.max(paragraph, q + 1);
                }
                if (line < 0) {
                    line = q + 1;
                }
            }
        }
        if (paragraph >= 0 || paragraphsOnly) {
            level = paragraph >= 0 ? PARAGRAPH : NONE;
            return paragraph;
        }
        if (line >= 0) {
            level = LINE;
            return line;
        }
        int word = -1;
        for (int p = upTo; p > after; p--) {
            int kind = breakBefore(p);
            if (kind == SENTENCE) {
                level = SENTENCE;
                return p;
            }
            if (kind == WORD && word < 0) {
                word = p;
            }
        }
        level = word >= 0 ? WORD : NONE;
        return word;
    }

    /** Whether a heading starts at line start {@code q}, judged on the text before {@code bound} only. */
    private boolean headingAt(int q, int bound) {
        if (q >= bound) {
            return false;
        }
        if (t[q] == '#') {
            return true;
        }
        int r = q;
        while (r < bound && t[r] != '\n' && t[r] != '\r') {
            r++;
        }
        int u = r + 1 < bound && t[r] == '\r' && t[r + 1] == '\n' ? r + 2 : r + 1;
        if (r == q || u >= bound || (t[u] != '=' && t[u] != '-')) {
            return false;
        }
        int v = u;
        while (v < bound && t[v] == t[u]) {
            v++;
        }
        return v - u >= 3 && v < bound && (t[v] == '\n' || t[v] == '\r');
    }

    /** The first paragraph boundary in {@code (after, upTo]}, moved past the blank lines after it; upTo is one. */
    private int earliestParagraph(int after, int upTo) {
        int found = upTo;
        for (int q = after; q < upTo; q++) {
            if (lineBreakAt(q) && blankLineEndsAt(q)) {
                found = q + 1;
                break;
            }
        }
        for (int q = found; q < upTo; q++) {
            if (lineBreakAt(q)) {
                found = q + 1;
            } else if (t[q] != ' ' && t[q] != '\t' && t[q] != '\r' && t[q] != 0x0B && t[q] != 0x0C) {
                break;
            }
        }
        return found;
    }

    private int earliest(int from, int before) {
        for (int p = from; p < before; p++) {
            if (lineBreakAt(p - 1) || breakBefore(p) != NONE) {
                return p;
            }
        }
        return -1;
    }

    private int breakBefore(int p) {
        if (p >= t.length || isWhitespace(t[p]) || !clusters.contains(p)) {
            return NONE;
        }
        int prev = t[p - 1];
        if (prev == 0x3002 || prev == 0xFF01 || prev == 0xFF1F || prev == 0xFF0E) {
            return SENTENCE;
        }
        if (!isWhitespace(prev)) {
            return NONE;
        }
        int q = p - 1;
        while (q > s && isWhitespace(t[q])) {
            q--;
        }
        while (q > s && "\"')]}\u201d\u2019\u00bb\u300d\u300f".indexOf(t[q]) >= 0) {
            q--;
        }
        int c = t[q];
        return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E ? SENTENCE : WORD;
    }

    private boolean blankLineEndsAt(int q) {
        for (int i = q - 1; i >= s; i--) {
            int c = t[i];
            if (c == '\n' || (c == '\r' && t[i + 1] != '\n')) {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != 0x0B && c != 0x0C) {
                return false;
            }
        }
        return false;
    }

    private static boolean isWhitespace(int c) {
        return Character.isWhitespace(c);
    }
}
