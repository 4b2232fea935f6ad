package dev.chunking.strategy.internal;

import java.util.Arrays;

/**
 * Extended grapheme cluster boundaries after Unicode UAX #29 for Unicode 17.0 (rules GB1 to
 * GB13 with the Indic conjunct rule GB9c, and GB999), from the library's own table
 * {@link GraphemeData}, generated from ICU4J: the same clusters on every JDK, whatever its own
 * Unicode version. The pair rules live here; the three stateful ones (GB9c, GB11, GB12/GB13)
 * keep their state in {@link GraphemeCursor}. Stateless and thread-safe.
 */
final class Graphemes {
    /** Anything else (letters, digits, punctuation, symbols, CJK). */
    static final int ANY = 0;
    /** Carriage return. */
    static final int CR = 1;
    /** Line feed. */
    static final int LF = 2;
    /** Other controls, line and paragraph separators, most format characters, surrogates, some unassigned code points. */
    static final int CONTROL = 3;
    /** Combining marks, variation selectors, emoji modifiers, tags, ZWNJ. */
    static final int EXTEND = 4;
    /** Zero width joiner. */
    static final int ZWJ = 5;
    /** Regional indicator (flag halves). */
    static final int REGIONAL_INDICATOR = 6;
    /** Prepended concatenation marks. */
    static final int PREPEND = 7;
    /** Spacing combining marks. */
    static final int SPACING_MARK = 8;
    /** Hangul leading jamo. */
    static final int L = 9;
    /** Hangul vowel jamo. */
    static final int V = 10;
    /** Hangul trailing jamo. */
    static final int T = 11;
    /** Hangul LV syllable. */
    static final int LV = 12;
    /** Hangul LVT syllable. */
    static final int LVT = 13;
    /** Extended_Pictographic (emoji and pictographs); behaves as ANY except in rule GB11. */
    static final int PICTOGRAPHIC = 14;

    /** Indic_Conjunct_Break=None, in bits 4-5 of {@link #value}. */
    static final int INCB_NONE = 0;
    /** Indic_Conjunct_Break=Consonant: a consonant of the scripts GB9c joins (always category ANY). */
    static final int INCB_CONSONANT = 1;
    /** Indic_Conjunct_Break=Extend: marks and ZWJ that may stand between a consonant and a linker. */
    static final int INCB_EXTEND = 2;
    /** Indic_Conjunct_Break=Linker: the viramas that join two consonants (always category EXTEND). */
    static final int INCB_LINKER = 3;

    /** Where each range of equal values starts, ascending, decoded from {@link GraphemeData#ranges()}. */
    private static final int[] STARTS = new int[GraphemeData.RANGE_COUNT];
    /** The value of each range. */
    private static final byte[] VALUES = new byte[GraphemeData.RANGE_COUNT];
    /** Values of planes 0 and 1 (all scripts in use and the emoji), expanded once: one array load per code point. */
    private static final byte[] TABLE = new byte[0x20000];
    /** Rules GB3 to GB9b and GB999 for each (before, after) pair, without the stateful rules. */
    private static final boolean[] PAIR_BREAKS = new boolean[16 * 16];

    static {
        String ranges = GraphemeData.ranges();
        for (int r = 0; r < STARTS.length; r++) {
            STARTS[r] = Integer.parseInt(ranges, 8 * r, 8 * r + 6, 16);
            VALUES[r] = (byte) Integer.parseInt(ranges, 8 * r + 6, 8 * r + 8, 16);
        }
        for (int r = 0; r < STARTS.length && STARTS[r] < TABLE.length; r++) {
            int end = r + 1 < STARTS.length ? Math.min(STARTS[r + 1], TABLE.length) : TABLE.length;
            Arrays.fill(TABLE, STARTS[r], end, VALUES[r]);
        }
        for (int before = 0; before < 16; before++) {
            for (int after = 0; after < 16; after++) {
                PAIR_BREAKS[before * 16 + after] = pairBreak(before, after);
            }
        }
    }

    private Graphemes() {
    }

    /**
     * Returns the packed properties of a code point: its category in bits 0-3 (one of the
     * category constants of this class) and its Indic_Conjunct_Break in bits 4-5. The most
     * common value, 0, is a plain {@link #ANY} that no conjunct rule looks at.
     *
     * @param cp a Unicode code point
     * @return the packed value, from 0 to 63
     */
    static int value(int cp) {
        if (cp < TABLE.length) {
            return cp < 0 ? CONTROL : TABLE[cp];
        }
        if (cp > Character.MAX_CODE_POINT) {
            return CONTROL;
        }
        int lo = 0;
        int hi = STARTS.length - 1;
        while (lo < hi) { // the last range starting at or before cp
            int mid = (lo + hi + 1) >>> 1;
            if (STARTS[mid] <= cp) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return VALUES[lo];
    }

    /**
     * Returns the grapheme cluster break category of a code point.
     *
     * @param cp a Unicode code point
     * @return one of the category constants of this class
     */
    static int property(int cp) {
        return value(cp) & 15;
    }

    /**
     * Tells whether rules GB3 to GB9b and GB999 allow a break between two code points, given
     * the state the two stateful rules need.
     *
     * @param before property of the code point before the position
     * @param after property of the code point after the position
     * @param regionalIndicatorsBefore length of the run of regional indicators ending just before
     * @param pictographicZwjBefore whether the text before ends with Extended_Pictographic Extend* ZWJ
     * @return true if a cluster boundary lies between the two
     */
    static boolean isBreak(int before, int after, int regionalIndicatorsBefore, boolean pictographicZwjBefore) {
        if (after == PICTOGRAPHIC && pictographicZwjBefore && before == ZWJ) {
            return false; // GB11
        }
        if (after == REGIONAL_INDICATOR && before == REGIONAL_INDICATOR) {
            return (regionalIndicatorsBefore & 1) == 0; // GB12, GB13
        }
        return PAIR_BREAKS[before * 16 + after];
    }

    private static boolean pairBreak(int before, int after) {
        if (before == CR && after == LF) {
            return false; // GB3
        }
        if (before == CR || before == LF || before == CONTROL || after == CR || after == LF || after == CONTROL) {
            return true; // GB4, GB5
        }
        if (before == L && (after == L || after == V || after == LV || after == LVT)) {
            return false; // GB6
        }
        if ((before == LV || before == V) && (after == V || after == T)) {
            return false; // GB7
        }
        if ((before == LVT || before == T) && after == T) {
            return false; // GB8
        }
        return !(after == EXTEND || after == ZWJ || after == SPACING_MARK || before == PREPEND); // GB9, GB9a, GB9b, GB999
    }
}
