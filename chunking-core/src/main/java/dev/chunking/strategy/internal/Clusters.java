package dev.chunking.strategy.internal;

import dev.chunking.spi.TokenCounter;
import java.util.Arrays;

/**
 * Where text may be cut on extended grapheme cluster boundaries (UAX #29), for
 * {@code dev.chunking.strategy.TextChunker}: the longest prefix of a text that fits a maximum
 * size. Stateless and thread-safe.
 */
public final class Clusters {
    private Clusters() {
    }

    /**
     * Returns the length in chars of the longest prefix of {@code text} that ends on a cluster
     * boundary (or at the end of {@code text}) and whose size is at most {@code maxSize}: code
     * points, or the tokens of {@code counter} when it is not null. When even the first cluster is
     * larger, the longest prefix of whole code points that fits, and at least one code point.
     *
     * @param text the text, not empty, with no lone surrogate
     * @param maxSize the maximum size, at least 1
     * @param counter the token counter, or null to count code points
     * @return the prefix length in chars, from 1 to {@code text.length()}
     */
    public static int longestFit(CharSequence text, int maxSize, TokenCounter counter) {
        long cpLimit = counter == null ? maxSize : Math.min(Integer.MAX_VALUE, (long) maxSize * counter.maxCodePointsPerToken());
        int[] boundaries = new int[16];
        int[] codePointEnds = new int[16];
        int nb = 0;
        int ncp = 0;
        GraphemeCursor cursor = new GraphemeCursor();
        int i = 0;
        while (i < text.length() && ncp <= cpLimit) {
            int cp = Character.codePointAt(text, i);
            if (cursor.advance(cp) && i > 0) {
                boundaries = grow(boundaries, nb);
                boundaries[nb++] = i;
            }
            i += Character.charCount(cp);
            codePointEnds = grow(codePointEnds, ncp);
            codePointEnds[ncp++] = i;
        }
        if (i == text.length()) {
            boundaries = grow(boundaries, nb);
            boundaries[nb++] = i;
        }
        int best = largestFitting(text, boundaries, nb, maxSize, counter);
        return best > 0 ? best : Math.max(codePointEnds[0], largestFitting(text, codePointEnds, ncp, maxSize, counter));
    }

    /** The largest of the first {@code n} ascending prefix lengths whose size fits, or 0; sizes grow with length. */
    private static int largestFitting(CharSequence text, int[] ends, int n, int maxSize, TokenCounter counter) {
        int lo = 0;
        int hi = n - 1;
        int best = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long size = counter == null ? Character.codePointCount(text, 0, ends[mid]) : counter.count(text.subSequence(0, ends[mid]));
            if (size <= maxSize) {
                best = ends[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    private static int[] grow(int[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }
}
