package dev.chunking.strategy.internal;

/**
 * Walks code points in order and tells, for each, whether an extended grapheme cluster
 * boundary lies just before it. Carries the little state UAX #29 needs beyond the two code
 * points around a position: the length of the current run of regional indicators, and
 * whether the text so far ends in Extended_Pictographic Extend* ZWJ. Not thread-safe.
 */
final class GraphemeCursor {
    private int previous = Graphemes.CONTROL; // the start of text behaves like a break (GB1)
    private int regionalIndicators;
    private int pictographic; // 0 none, 1 after Pictographic Extend*, 2 after that and ZWJ

    /**
     * Advances over one code point.
     *
     * @param cp the next code point
     * @return true if a cluster boundary lies before it (always true for the first one)
     */
    boolean advance(int cp) {
        int prop = Graphemes.property(cp);
        if (prop == Graphemes.ANY) {
            // the bulk of text in every script: only a prepended mark holds on to it (GB9b), and it
            // ends any run of regional indicators or emoji sequence
            boolean boundary = previous != Graphemes.PREPEND;
            previous = Graphemes.ANY;
            regionalIndicators = 0;
            pictographic = 0;
            return boundary;
        }
        boolean boundary = Graphemes.isBreak(previous, prop, regionalIndicators, pictographic == 2);
        previous = prop;
        regionalIndicators = prop == Graphemes.REGIONAL_INDICATOR ? regionalIndicators + 1 : 0;
        if (prop == Graphemes.PICTOGRAPHIC || (pictographic == 1 && prop == Graphemes.EXTEND)) {
            pictographic = 1;
        } else {
            pictographic = pictographic == 1 && prop == Graphemes.ZWJ ? 2 : 0;
        }
        return boundary;
    }

    /**
     * Sets the state to what {@link #advance} leaves after an ASCII code point, for callers
     * that scan runs of ASCII without the cursor.
     *
     * @param ascii the last code point scanned, below 0x80
     */
    void resetToAscii(int ascii) {
        previous = Graphemes.property(ascii);
        regionalIndicators = 0;
        pictographic = 0;
    }

    /** Forgets everything, as at the start of a text. */
    void reset() {
        previous = Graphemes.CONTROL;
        regionalIndicators = 0;
        pictographic = 0;
    }
}
