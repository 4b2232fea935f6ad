package dev.chunking.strategy.internal;

/**
 * Walks code points in order and tells, for each, whether an extended grapheme cluster
 * boundary (UAX #29, Unicode 17.0) lies just before it. Carries the little state the rules need
 * beyond the two code points around a position: the length of the current run of regional
 * indicators (GB12, GB13), whether the text so far ends in Extended_Pictographic Extend* ZWJ
 * (GB11), and how far an Indic conjunct has got (GB9c). Not thread-safe.
 */
final class GraphemeCursor {
    /** GB9c: no conjunct under way. */
    private static final int NO_CONJUNCT = 0;
    /** GB9c: after InCB=Consonant [InCB=Extend InCB=Linker]*, with no linker yet. */
    private static final int CONSONANT = 1;
    /** GB9c: after InCB=Consonant [Extend Linker]* Linker [Extend Linker]*: a consonant next joins. */
    private static final int LINKED = 2;

    private int previous = Graphemes.CONTROL; // the start of text behaves like a break (GB1)
    private int regionalIndicators;
    private int pictographic; // 0 none, 1 after Pictographic Extend*, 2 after that and ZWJ
    private int conjunct = NO_CONJUNCT;

    /**
     * Advances over one code point.
     *
     * @param cp the next code point
     * @return true if a cluster boundary lies before it (always true for the first one)
     */
    boolean advance(int cp) {
        int value = Graphemes.value(cp);
        if (value == Graphemes.ANY) {
            // the bulk of text in every script (but not a conjunct consonant, whose value differs):
            // only a prepended mark holds on to it (GB9b), and it ends any run of regional
            // indicators, emoji sequence or conjunct
            boolean boundary = previous != Graphemes.PREPEND;
            previous = Graphemes.ANY;
            regionalIndicators = 0;
            pictographic = 0;
            conjunct = NO_CONJUNCT;
            return boundary;
        }
        int prop = value & 15;
        int incb = value >>> 4;
        boolean boundary = (incb != Graphemes.INCB_CONSONANT || conjunct != LINKED) // GB9c
                && Graphemes.isBreak(previous, prop, regionalIndicators, pictographic == 2);
        previous = prop;
        regionalIndicators = prop == Graphemes.REGIONAL_INDICATOR ? regionalIndicators + 1 : 0;
        if (prop == Graphemes.PICTOGRAPHIC || (pictographic == 1 && prop == Graphemes.EXTEND)) {
            pictographic = 1;
        } else {
            pictographic = pictographic == 1 && prop == Graphemes.ZWJ ? 2 : 0;
        }
        if (incb == Graphemes.INCB_CONSONANT) {
            conjunct = CONSONANT;
        } else if (incb == Graphemes.INCB_LINKER) {
            conjunct = conjunct == NO_CONJUNCT ? NO_CONJUNCT : LINKED;
        } else if (incb != Graphemes.INCB_EXTEND) {
            conjunct = NO_CONJUNCT;
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
        conjunct = NO_CONJUNCT;
    }

    /** Forgets everything, as at the start of a text. */
    void reset() {
        previous = Graphemes.CONTROL;
        regionalIndicators = 0;
        pictographic = 0;
        conjunct = NO_CONJUNCT;
    }
}
