package dev.chunking.strategy.internal;

/**
 * Extended grapheme cluster boundaries after Unicode UAX #29 for Unicode 13, the version of the
 * JDK 17 character tables (so without the later Indic conjunct rule GB9c, like the JDK 17
 * regex engine). Properties come from the JDK's own Unicode tables
 * ({@link Character#getType(int)}) plus the few ranges those tables do not carry: Hangul
 * syllable types, regional indicators, emoji modifiers, tag characters and
 * Extended_Pictographic. Stateless and thread-safe.
 */
final class Graphemes {
    /** Anything else (letters, digits, punctuation, symbols, CJK). */
    static final int ANY = 0;
    /** Carriage return. */
    static final int CR = 1;
    /** Line feed. */
    static final int LF = 2;
    /** Other controls, line and paragraph separators, most format characters, unassigned code points. */
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

    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = (byte) (c < 0x20 || c == 0x7F ? CONTROL : ANY);
        }
        ASCII['\r'] = CR;
        ASCII['\n'] = LF;
    }

    /** Extended_Pictographic ranges from emoji-data.txt, as start/end pairs, sorted. */
    private static final int[] PICTOGRAPHIC_RANGES = {
        0x00A9, 0x00A9, 0x00AE, 0x00AE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139,
        0x2194, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328, 0x2388, 0x2388, 0x23CF, 0x23CF,
        0x23E9, 0x23F3, 0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0,
        0x25FB, 0x25FE, 0x2600, 0x2605, 0x2607, 0x2612, 0x2614, 0x2685, 0x2690, 0x2705, 0x2708, 0x2712,
        0x2714, 0x2714, 0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728, 0x2733, 0x2734,
        0x2744, 0x2744, 0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757,
        0x2763, 0x2767, 0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2934, 0x2935,
        0x2B05, 0x2B07, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x3030, 0x3030, 0x303D, 0x303D,
        0x3297, 0x3297, 0x3299, 0x3299, 0x1F000, 0x1F0FF, 0x1F10D, 0x1F10F, 0x1F12F, 0x1F12F,
        0x1F16C, 0x1F171, 0x1F17E, 0x1F17F, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1AD, 0x1F1E5,
        0x1F201, 0x1F20F, 0x1F21A, 0x1F21A, 0x1F22F, 0x1F22F, 0x1F232, 0x1F23A, 0x1F23C, 0x1F23F,
        0x1F249, 0x1F3FA, 0x1F400, 0x1F53D, 0x1F546, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F774, 0x1F77F,
        0x1F7D5, 0x1F7FF, 0x1F80C, 0x1F80F, 0x1F848, 0x1F84F, 0x1F85A, 0x1F85F, 0x1F888, 0x1F88F,
        0x1F8AE, 0x1F8FF, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1FAFF, 0x1FC00, 0x1FFFD,
    };

    /** Properties of planes 0 and 1 (all scripts in use and the emoji), computed once: one array load per code point. */
    private static final byte[] TABLE = new byte[0x20000];
    /** Rules GB3 to GB9b and GB999 for each (before, after) pair, without the two stateful rules. */
    private static final boolean[] PAIR_BREAKS = new boolean[16 * 16];

    static {
        for (int cp = 0; cp < TABLE.length; cp++) {
            TABLE[cp] = (byte) compute(cp);
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
     * Returns the grapheme cluster break property of a code point.
     *
     * @param cp a Unicode code point
     * @return one of the constants of this class
     */
    static int property(int cp) {
        return cp < 0x20000 ? TABLE[cp] : compute(cp);
    }

    private static int compute(int cp) {
        if (cp < 0x80) {
            return ASCII[cp];
        }
        if (cp >= 0x4E00 && cp <= 0x9FFC) {
            return ANY; // CJK unified ideographs assigned in Unicode 13: the bulk of CJK text, skip the tables
        }
        if (cp >= 0xAC00 && cp <= 0xD7A3) {
            return (cp - 0xAC00) % 28 == 0 ? LV : LVT;
        }
        if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
            return REGIONAL_INDICATOR;
        }
        if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
            return EXTEND; // emoji skin-tone modifiers
        }
        if (cp == 0x200D) {
            return ZWJ;
        }
        if (cp == 0x200C || (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0xFF9E || cp == 0xFF9F) {
            return EXTEND; // ZWNJ, tag characters, halfwidth sound marks
        }
        if (isPrepend(cp)) {
            return PREPEND;
        }
        int hangul = hangulJamo(cp);
        if (hangul != ANY) {
            return hangul;
        }
        if (cp == 0x0E33 || cp == 0x0EB3) {
            return SPACING_MARK; // Thai and Lao AM
        }
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
                return EXTEND;
            case Character.COMBINING_SPACING_MARK:
                return isExtendingSpacingMark(cp) ? EXTEND : isSpacingMarkException(cp) ? ANY : SPACING_MARK;
            case Character.UNASSIGNED:
                // As the JDK 17 regex engine does: nothing joins an unknown code point, except in
                // reserved emoji slots (pictographic) and at U+0378, which that engine treats as a letter.
                return isPictographic(cp) ? PICTOGRAPHIC : cp == 0x0378 ? ANY : CONTROL;
            case Character.CONTROL:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.FORMAT:
                return CONTROL;
            default:
                return isPictographic(cp) ? PICTOGRAPHIC : ANY;
        }
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

    private static boolean isPrepend(int cp) {
        return (cp >= 0x0600 && cp <= 0x0605) || cp == 0x06DD || cp == 0x070F || cp == 0x08E2 || cp == 0x0D4E
                || cp == 0x110BD || cp == 0x110CD || cp == 0x111C2 || cp == 0x111C3 || cp == 0x1193F || cp == 0x11941
                || cp == 0x11A3A || (cp >= 0x11A84 && cp <= 0x11A89) || cp == 0x11D46;
    }

    private static int hangulJamo(int cp) {
        if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xA960 && cp <= 0xA97C)) {
            return L;
        }
        if ((cp >= 0x1160 && cp <= 0x11A7) || (cp >= 0xD7B0 && cp <= 0xD7C6)) {
            return V;
        }
        if ((cp >= 0x11A8 && cp <= 0x11FF) || (cp >= 0xD7CB && cp <= 0xD7FB)) {
            return T;
        }
        return ANY;
    }

    /** Spacing marks that Unicode lists as Grapheme_Extend (Other_Grapheme_Extend). */
    private static boolean isExtendingSpacingMark(int cp) {
        switch (cp) {
            case 0x09BE: case 0x09D7: case 0x0B3E: case 0x0B57: case 0x0BBE: case 0x0BD7: case 0x0CC2:
            case 0x0CD5: case 0x0CD6: case 0x0D3E: case 0x0D57: case 0x0DCF: case 0x0DDF: case 0x1B35:
            case 0x302E: case 0x302F: case 0x1133E: case 0x11357: case 0x114B0: case 0x114BD:
            case 0x115AF: case 0x11930: case 0x1D165: case 0x1D16E: case 0x1D16F: case 0x1D170:
            case 0x1D171: case 0x1D172:
                return true;
            default:
                return false;
        }
    }

    /** Spacing marks that UAX #29 (Unicode 13, as in JDK 17) excludes from SpacingMark: Myanmar, Tai Tham, Tai Viet. */
    private static boolean isSpacingMarkException(int cp) {
        return cp == 0x102B || cp == 0x102C || cp == 0x1038 || (cp >= 0x1062 && cp <= 0x1064) || (cp >= 0x1067 && cp <= 0x106D)
                || cp == 0x1083 || (cp >= 0x1087 && cp <= 0x108C) || cp == 0x108F || (cp >= 0x109A && cp <= 0x109C)
                || cp == 0x1A61 || cp == 0x1A63 || cp == 0x1A64 || cp == 0xAA7B || cp == 0xAA7D;
    }

    private static boolean isPictographic(int cp) {
        if (cp < 0xA9 || (cp > 0x3299 && cp < 0x1F000) || cp > 0x1FFFD) {
            return false;
        }
        int lo = 0;
        int hi = PICTOGRAPHIC_RANGES.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < PICTOGRAPHIC_RANGES[2 * mid]) {
                hi = mid - 1;
            } else if (cp > PICTOGRAPHIC_RANGES[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
