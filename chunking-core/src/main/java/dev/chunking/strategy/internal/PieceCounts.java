package dev.chunking.strategy.internal;

import dev.chunking.spi.TokenCounter;
import dev.chunking.spi.TokenPieces;
import java.util.Arrays;

/**
 * Token counts of window ranges as sums over the counter's pieces ({@link TokenPieces}): the
 * window is split once from an anchor (the chunk start), each piece counted once, and a range
 * counts as the pieces it covers plus its rest counted directly. A piece is used for a range only
 * if the split looked at no text at or after the range's end, so the sum is exactly the
 * counter's count of the range's text, whatever follows it or how the input was fed. Not
 * thread-safe.
 */
final class PieceCounts {
    private final TokenCounter counter;
    private final TokenPieces pieces;

    private long anchor = -1; // the window offset where the split and the decoded text start
    private final Chars chars = new Chars();
    private int[] charBytes = new int[256]; // per char index, its byte offset from the anchor; one more at the decoded end
    private int undecidedLimit; // the largest limit at which the split stopped undecided at its end

    // the pieces from the anchor, in char indexes: end, the farthest text the split looked at, and count
    private int n;
    private int[] ends = new int[64];
    private int[] reaches = new int[64];
    private int[] counts = new int[64];
    private int[] sums = new int[64]; // the counts of pieces [0, i]
    private int[] reachedBy = new int[64]; // the farthest reach of pieces [0, i]

    PieceCounts(TokenCounter counter, TokenPieces pieces) {
        this.counter = counter;
        this.pieces = pieces;
    }

    /**
     * The tokens of the window text {@code [from, to)}. With {@code anchored}, {@code from} is
     * the chunk start, from which later questions are asked too: the split moves there.
     */
    int count(Utf8Window window, long from, long to, boolean anchored) {
        if (anchored && from != anchor) {
            moveAnchor(window, from);
        }
        if (anchor < 0 || from < anchor || to < from || from > anchor + charBytes[chars.length]) {
            return counter.count(window.decode(from, to));
        }
        decode(window, to);
        int toChar = charIndex(to);
        int at = charIndex(from);
        split(toChar);
        int met = at == 0 ? -1 : Arrays.binarySearch(ends, 0, n, at);
        int sum = 0;
        while (at < toChar && at > 0 && met < 0) { // a range starting inside the split: its own pieces until they meet the split's
            int end = pieces.next(chars, at, toChar);
            if (end < 0) {
                break;
            }
            sum += pieces.count(chars, at, end);
            at = end;
            met = Arrays.binarySearch(ends, 0, n, at);
        }
        int last = usable(toChar) - 1; // the last piece that looked at nothing at or after the end
        if ((at == 0 || met >= 0) && last > met && at < toChar) {
            sum += sums[last] - (met < 0 ? 0 : sums[met]);
            at = ends[last];
        }
        return at < toChar ? sum + counter.count(chars.subSequence(at, toChar)) : sum;
    }

    /** How many pieces from the first looked at nothing at or after {@code toChar}. */
    private int usable(int toChar) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (reachedBy[mid] <= toChar) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Splits on from the last piece, looking at text before {@code limit} only. */
    private void split(int limit) {
        if (limit <= undecidedLimit) {
            return;
        }
        int at = n == 0 ? 0 : ends[n - 1];
        while (at < limit) {
            int end = pieces.next(chars, at, limit);
            if (end < 0) {
                undecidedLimit = limit;
                return;
            }
            add(end, pieces.reach(), pieces.count(chars, at, end));
            at = end;
        }
    }

    private void add(int end, int reach, int count) {
        if (n == ends.length) {
            int size = n * 2;
            ends = Arrays.copyOf(ends, size);
            reaches = Arrays.copyOf(reaches, size);
            counts = Arrays.copyOf(counts, size);
            sums = Arrays.copyOf(sums, size);
            reachedBy = Arrays.copyOf(reachedBy, size);
        }
        ends[n] = end;
        reaches[n] = reach;
        counts[n] = count;
        sums[n] = n == 0 ? count : sums[n - 1] + count;
        reachedBy[n] = n == 0 ? reach : Math.max(reachedBy[n - 1], reach);
        n++;
    }

    /**
     * Moves the split's start to {@code from}: the pieces from there until they meet the old
     * split's, then the old split's from that boundary on, which depend only on the text after it.
     */
    private void moveAnchor(Utf8Window window, long from) {
        if (anchor < 0 || from < anchor || from > anchor + charBytes[chars.length]) {
            anchor = from;
            chars.length = 0;
            charBytes[0] = 0;
            n = 0;
            undecidedLimit = 0;
            return;
        }
        int shift = charIndex(from);
        int limit = chars.length;
        int keep = 0;
        int[] headEnds = new int[8];
        int[] headReaches = new int[8];
        int[] headCounts = new int[8];
        int head = 0;
        int at = shift;
        int met = -1;
        while (at < limit) {
            int i = Arrays.binarySearch(ends, 0, n, at);
            if (i >= 0) {
                met = i;
                break;
            }
            int end = pieces.next(chars, at, limit);
            if (end < 0) {
                break;
            }
            if (head == headEnds.length) {
                headEnds = Arrays.copyOf(headEnds, head * 2);
                headReaches = Arrays.copyOf(headReaches, head * 2);
                headCounts = Arrays.copyOf(headCounts, head * 2);
            }
            headEnds[head] = end;
            headReaches[head] = pieces.reach();
            headCounts[head] = pieces.count(chars, at, end);
            head++;
            at = end;
        }
        boolean joined = met >= 0;
        if (joined) {
            keep = n - (met + 1);
            System.arraycopy(ends, met + 1, ends, 0, keep);
            System.arraycopy(reaches, met + 1, reaches, 0, keep);
            System.arraycopy(counts, met + 1, counts, 0, keep);
        }
        int[] oldEnds = Arrays.copyOf(ends, keep);
        int[] oldReaches = Arrays.copyOf(reaches, keep);
        int[] oldCounts = Arrays.copyOf(counts, keep);
        n = 0;
        for (int k = 0; k < head; k++) {
            add(headEnds[k] - shift, headReaches[k] - shift, headCounts[k]);
        }
        for (int k = 0; k < keep; k++) {
            add(oldEnds[k] - shift, oldReaches[k] - shift, oldCounts[k]);
        }
        if (!joined) {
            undecidedLimit = 0; // the split goes on from the head's end at the next question
        } else {
            undecidedLimit = Math.max(0, undecidedLimit - shift);
        }
        int dropBytes = charBytes[shift];
        chars.drop(shift);
        for (int k = 0; k <= chars.length; k++) {
            charBytes[k] = charBytes[k + shift] - dropBytes;
        }
        anchor = from;
    }

    /** Decodes the window's text up to {@code to} into the chars. */
    private void decode(Utf8Window window, long to) {
        long at = anchor + charBytes[chars.length];
        while (at < to) {
            chars.ensure(chars.length + 2);
            if (charBytes.length < chars.length + 3) {
                charBytes = Arrays.copyOf(charBytes, Math.max(chars.length + 3, charBytes.length * 2));
            }
            int b = window.buf[(int) (at - window.base)];
            long next;
            if (b >= 0) {
                chars.a[chars.length++] = (char) b;
                next = at + 1;
            } else {
                int cp = window.codePointAt(at);
                next = window.nextCodePoint(at);
                if (Character.isSupplementaryCodePoint(cp)) {
                    chars.a[chars.length] = Character.highSurrogate(cp);
                    charBytes[chars.length + 1] = (int) (at - anchor) + 2; // no range ends between the two
                    chars.length++;
                    chars.a[chars.length++] = Character.lowSurrogate(cp);
                } else {
                    chars.a[chars.length++] = (char) cp;
                }
            }
            charBytes[chars.length] = (int) (next - anchor);
            at = next;
        }
    }

    /** The char index of a decoded window offset that starts a code point. */
    private int charIndex(long offset) {
        int rel = (int) (offset - anchor);
        int i = Arrays.binarySearch(charBytes, 0, chars.length + 1, rel);
        if (i < 0) {
            throw new IllegalStateException("not a decoded code-point start: " + offset);
        }
        return i;
    }

    /** The decoded window text, as the splitter reads it. */
    private static final class Chars implements CharSequence {
        char[] a = new char[256];
        int length;

        void ensure(int size) {
            if (size > a.length) {
                a = Arrays.copyOf(a, Math.max(size, a.length * 2));
            }
        }

        void drop(int count) {
            System.arraycopy(a, count, a, 0, length - count);
            length -= count;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return a[index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(a, start, end - start);
        }

        @Override
        public String toString() {
            return new String(a, 0, length);
        }
    }
}
