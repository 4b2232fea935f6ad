package dev.chunking.strategy.internal;

/**
 * Sizes of spans of a {@link Utf8Window} in the unit of the options: tokens through a
 * {@link TokenSizer}, or code points when there is none. Offsets are window offsets of code-point
 * starts. Not thread-safe: it shares the window and the sizer of one chunker.
 */
final class UnitSizes {
    private final Utf8Window window;
    private final TokenSizer tokens; // null when sizing in code points

    UnitSizes(Utf8Window window, TokenSizer tokens) {
        this.window = window;
        this.tokens = tokens;
    }

    /** The size of {@code [from, to)}. */
    int between(long from, long to) {
        return tokens == null ? window.codePointsBetween(from, to) : tokens.count(window, from, to);
    }

    /** The earliest offset at which {@code [from, p)} reaches {@code size}, or {@code end} if none before it does. */
    long reach(long from, long end, int size) {
        if (tokens != null) {
            return tokens.minSizeEnd(window, from, end, size);
        }
        long at = from;
        for (long need = size; need > 0 && at < end; ) {
            long q = Math.min(end, at + need); // each code point takes a byte at least: count whole words of them
            need -= window.codePointsBetween(at, q);
            at = q;
            while (at < end && Utf8.isContinuation(window.buf[(int) (at - window.base)])) {
                at++; // q fell inside the last code point counted
            }
        }
        return at;
    }

    /**
     * The earliest code point after {@code from} from which the text up to {@code end} is at most
     * {@code size}, or {@code end} if there is none; {@code codePoints} is the count of {@code [from, end)},
     * which the caller knows.
     */
    long tail(long from, long end, long codePoints, int size) {
        if (tokens != null) {
            return tokens.overlapStart(window, window.nextCodePoint(from), end, size);
        }
        return window.codePointsBack(end, Math.min(size, codePoints - 1));
    }
}
