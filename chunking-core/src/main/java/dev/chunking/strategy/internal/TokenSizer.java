package dev.chunking.strategy.internal;

import dev.chunking.domain.InvariantViolationException;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.TokenCounter;
import dev.chunking.spi.TokenPieces;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Token arithmetic for a chunker that sizes in tokens: when to count, and the longest prefix
 * of the window that fits, found by interpolation and bisection over code-point starts.
 * Counting is the expensive step, so the next check is aimed where the maximum should fall,
 * and the last count is remembered. A counter that splits text into pieces ({@link
 * dev.chunking.spi.TokenPieces}) has each piece of the window counted once ({@link PieceCounts}).
 * Not thread-safe.
 */
final class TokenSizer {
    /** {@link #fittingEnd} result: the whole window fits. */
    static final long ALL_FIT = -1;
    /** {@link #fittingEnd} result: not even one more code point after the previous chunk fits. */
    static final long NONE_FIT = -2;

    private final TokenCounter counter;
    private final PieceCounts pieces; // null when the counter does not split into pieces
    private final int maxSize;
    private int[] starts = new int[256];
    private int fittingCodePoints;
    // the last count made, which the next question often repeats (a check, then the same window cut)
    private long countedFrom = -1;
    private long countedTo = -1;
    private int counted;

    TokenSizer(TokenCounter counter, int maxSize) {
        this.counter = counter;
        this.maxSize = maxSize;
        TokenPieces split = counter.pieces();
        this.pieces = split == null ? null : new PieceCounts(counter, split);
    }

    /** Window size in code points at which tokens are first counted. */
    long firstCheck() {
        return Math.max(1, maxSize / 2);
    }

    /**
     * The next check point after a window of {@code size} code points was found to count
     * {@code count} tokens: where the maximum should fall if the text goes on as it began, a
     * little beyond, so that usually one more count brackets the cut. Depends only on the
     * window's own text, so a resumed chunker checks at the same points.
     */
    long nextCheck(long size, int count) {
        long estimate = count == 0 ? size * 2 : (long) (size * (double) maxSize / count * 1.05) + 1;
        return Math.max(size + 1, Math.min(estimate, size * 4));
    }

    /** The number of tokens of the window text {@code [from, to)}, where {@code from} is the chunk start. */
    int count(Utf8Window window, long from, long to) {
        return count(window, from, to, true);
    }

    /**
     * The number of tokens of the window text {@code [from, to)}; {@code chunkStart} tells
     * whether {@code from} is the chunk start, from which the pieces are split.
     */
    private int count(Utf8Window window, long from, long to, boolean chunkStart) {
        if (from != countedFrom || to != countedTo) {
            counted = pieces == null ? counter.count(window.decode(from, to)) : pieces.count(window, from, to, chunkStart);
            countedFrom = from;
            countedTo = to;
        }
        return counted;
    }

    boolean fits(Utf8Window window, long from, long to) {
        return count(window, from, to) <= maxSize;
    }

    /**
     * Finds the end of the longest prefix of {@code [from, to)} that fits, looking only at
     * ends after {@code after}.
     *
     * @return {@link #ALL_FIT}, {@link #NONE_FIT}, or the byte offset of the end; the number of
     *     code points from {@code after} to it is then {@link #fittingCodePoints()}
     */
    long fittingEnd(Utf8Window window, long from, long after, long to) {
        int total = count(window, from, to);
        if (total <= maxSize) {
            return ALL_FIT;
        }
        int n = collectStarts(window, after, to);
        int lo = search(n, after > from ? count(window, from, after) : 0, total, maxSize,
                i -> count(window, from, window.base + starts[i]));
        if (lo < 0) {
            return NONE_FIT;
        }
        fittingCodePoints = lo + 1;
        return window.base + starts[lo];
    }

    /**
     * The largest index in {@code [-1, n)} whose value is at most {@code target}, for values that
     * grow with the index, where index -1 has {@code loValue} and index n has {@code hiValue}
     * (above the target). Interpolates (values grow about linearly with length), and bisects
     * after any step that did not halve the range, so a run of equal values cannot slow it down.
     */
    private static int search(int n, int loValue, int hiValue, int target, IntUnaryOperator value) {
        int lo = -1;
        int hi = n;
        boolean bisect = false;
        while (hi - lo > 1) {
            int before = hi - lo;
            int mid = (lo + hi) >>> 1;
            if (!bisect && hiValue > loValue && loValue < target) {
                long guess = lo + (long) (hi - lo) * (target - loValue) / (hiValue - loValue);
                mid = (int) Math.max(lo + 1, Math.min(hi - 1, guess));
            }
            int v = value.applyAsInt(mid);
            if (v <= target) {
                lo = mid;
                loValue = v;
            } else {
                hi = mid;
                hiValue = v;
            }
            bisect = !bisect && hi - lo > before / 2; // interpolation that did not halve the range: bisect once
        }
        return lo;
    }

    /**
     * The earliest code-point start {@code p} in {@code (from, to)} whose prefix
     * {@code [from, p)} counts at least {@code minSize} tokens, or {@code to} if there is none.
     */
    long minSizeEnd(Utf8Window window, long from, long to, int minSize) {
        int n = collectStarts(window, from, to);
        // the largest index counting below minSize (at most minSize - 1); the next one is the answer
        int below = search(n, 0, count(window, from, to), minSize - 1, i -> count(window, from, window.base + starts[i]));
        return below + 1 >= n ? to : window.base + starts[below + 1];
    }

    /**
     * The earliest code-point start {@code p} in {@code [from, to)} whose tail
     * {@code [p, to)} counts at most {@code overlap} tokens, or {@code to} if there is none.
     */
    long overlapStart(Utf8Window window, long from, long to, int overlap) {
        int n = collectStarts(window, window.previousCodePoint(from), to);
        // tails shrink as the index grows: search the mirrored sequence, in which they grow
        int mirrored = search(n, 0, count(window, from, to, false), overlap,
                i -> count(window, window.base + starts[n - 1 - i], to, false));
        return mirrored < 0 ? to : window.base + starts[n - 1 - mirrored];
    }

    boolean tailFits(Utf8Window window, long from, long to, int overlap) {
        return count(window, from, to, false) <= overlap;
    }

    /** Collects the window indexes of the code points that start in {@code (after, to)}; returns how many. */
    private int collectStarts(Utf8Window window, long after, long to) {
        int n = 0;
        for (long at = window.nextCodePoint(after); at < to; at = window.nextCodePoint(at)) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = (int) (at - window.base);
        }
        return n;
    }

    int fittingCodePoints() {
        return fittingCodePoints;
    }

    /** Counts a text's tokens. */
    int count(Utf8Text text) {
        return counter.count(text);
    }

    /** Counts a chunk's tokens and refuses a counter that let an oversized chunk through. */
    int checkedCount(Utf8Text text, long byteOffset) {
        int size = counter.count(text);
        if (size > maxSize) {
            throw new InvariantViolationException("token counter '" + counter.name() + "' counts " + size + " tokens for the chunk at byte offset "
                    + byteOffset + ", more than the max size " + maxSize + ", although a longer text counted less;"
                    + " use a counter whose counts do not shrink as text grows");
        }
        return size;
    }
}
