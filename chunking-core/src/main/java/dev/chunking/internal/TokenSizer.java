package dev.chunking.internal;

import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.TokenCounter;

/**
 * Token arithmetic for a chunker that sizes in tokens: when to count, and the longest prefix
 * of the window that fits, found by binary search over code-point starts. Counting is the
 * expensive step, so the window is counted at geometrically growing sizes. Not thread-safe.
 */
final class TokenSizer {
    /** {@link #fittingEnd} result: the whole window fits. */
    static final long ALL_FIT = -1;
    /** {@link #fittingEnd} result: not even one more code point after the previous chunk fits. */
    static final long NONE_FIT = -2;

    private final TokenCounter counter;
    private final int maxSize;
    private int[] starts = new int[256];
    private int fittingCodePoints;

    TokenSizer(TokenCounter counter, int maxSize) {
        this.counter = counter;
        this.maxSize = maxSize;
    }

    /** Window size in code points at which tokens are first counted. */
    long firstCheck() {
        return Math.max(1, maxSize / 2);
    }

    /** The next check point after a window of {@code size} code points was found to fit. */
    long nextCheck(long size) {
        return Math.max(size + 1, size + size / 2);
    }

    boolean fits(Utf8Window window, long from, long to) {
        return counter.count(window.decode(from, to)) <= maxSize;
    }

    /**
     * Finds the end of the longest prefix of {@code [from, to)} that fits, looking only at
     * ends after {@code after}.
     *
     * @return {@link #ALL_FIT}, {@link #NONE_FIT}, or the byte offset of the end; the number of
     *     code points from {@code after} to it is then {@link #fittingCodePoints()}
     */
    long fittingEnd(Utf8Window window, long from, long after, long to) {
        if (fits(window, from, to)) {
            return ALL_FIT;
        }
        int n = collectStarts(window, after, to);
        int lo = -1; // index of the longest end known to fit; -1 stands for 'after'
        int hi = n;  // index of the shortest end known not to fit; n stands for 'to'
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (fits(window, from, window.base + starts[mid])) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (lo < 0) {
            return NONE_FIT;
        }
        fittingCodePoints = lo + 1;
        return window.base + starts[lo];
    }

    /**
     * The earliest code-point start {@code p} in {@code (from, to)} whose prefix
     * {@code [from, p)} counts at least {@code minSize} tokens, or {@code to} if there is none.
     */
    long minSizeEnd(Utf8Window window, long from, long to, int minSize) {
        int n = collectStarts(window, from, to);
        int lo = -1; // largest index known to count less
        int hi = n;  // smallest index known to count enough; n stands for 'to'
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (counter.count(window.decode(from, window.base + starts[mid])) >= minSize) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi == n ? to : window.base + starts[hi];
    }

    /**
     * The earliest code-point start {@code p} in {@code [from, to)} whose tail
     * {@code [p, to)} counts at most {@code overlap} tokens, or {@code to} if there is none.
     */
    long overlapStart(Utf8Window window, long from, long to, int overlap) {
        int n = collectStarts(window, window.previousCodePoint(from), to);
        int lo = -1; // largest index whose tail is known to count too much
        int hi = n;  // smallest index whose tail is known to fit; n stands for 'to'
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (tailFits(window, window.base + starts[mid], to, overlap)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi == n ? to : window.base + starts[hi];
    }

    boolean tailFits(Utf8Window window, long from, long to, int overlap) {
        return counter.count(window.decode(from, to)) <= overlap;
    }

    /** Collects the window indexes of the code points that start in {@code (after, to)}; returns how many. */
    private int collectStarts(Utf8Window window, long after, long to) {
        int n = 0;
        for (long at = window.nextCodePoint(after); at < to; at = window.nextCodePoint(at)) {
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = (int) (at - window.base);
        }
        return n;
    }

    int fittingCodePoints() {
        return fittingCodePoints;
    }

    /** Counts a chunk's tokens and refuses a counter that let an oversized chunk through. */
    int checkedCount(Utf8Text text, long byteOffset) {
        int size = counter.count(text);
        if (size > maxSize) {
            throw new ChunkingException("token counter '" + counter.name() + "' counts " + size + " tokens for the chunk at byte offset "
                    + byteOffset + ", more than the max size " + maxSize + ", although a longer text counted less;"
                    + " use a counter whose counts do not shrink as text grows");
        }
        return size;
    }
}
