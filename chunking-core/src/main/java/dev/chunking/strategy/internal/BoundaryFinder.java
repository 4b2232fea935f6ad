package dev.chunking.strategy.internal;


/**
 * Finds candidate chunk boundaries on demand, by looking at the window bytes around them, so
 * the forward scan does no per-word work. A candidate is a grapheme cluster boundary with a
 * strength: after a blank line (paragraph), after a line break, after a sentence end and
 * whitespace, or after whitespace (word). Among paragraph boundaries, one where a heading starts
 * (a line that starts with {@code #}, or a line underlined with {@code ===} or {@code ---}) is
 * preferred, so a chunk ends before a heading rather than a paragraph after it. Looking back never
 * goes before the chunk start, and looking ahead for a heading never past the cut's upper bound, so
 * the answer depends on the text and the chunk start only, not on how input was fed.
 * Not thread-safe.
 */
final class BoundaryFinder {
    static final int NONE = -1;
    static final int PARAGRAPH = 0;
    static final int LINE = 1;
    static final int SENTENCE = 2;
    static final int WORD = 3;


    private final Utf8Window window;
    private final GraphemeBoundaries graphemes;
    private final boolean paragraphsOnly;
    private int level = NONE;

    /**
     * @param paragraphsOnly whether {@link #latest} looks for paragraph boundaries only (for {@code character}),
     *     not for line, sentence and word boundaries
     */
    BoundaryFinder(Utf8Window window, GraphemeBoundaries graphemes, boolean paragraphsOnly) {
        this.window = window;
        this.graphemes = graphemes;
        this.paragraphsOnly = paragraphsOnly;
    }

    /** The strength of the last position {@link #latest} returned. */
    int level() {
        return level;
    }

    /** Whether a grapheme cluster boundary lies at {@code p}, a code-point start inside the window. */
    boolean isBoundary(long p) {
        return graphemes.isBoundary(p) && !(byteAt(p - 1) == '\r' && byteAt(p) == '\n');
    }

    /**
     * The latest position of the strongest level in {@code (after, upTo]}, or -1: the latest paragraph
     * boundary where a heading starts, else the latest paragraph boundary, else (unless this finder looks
     * for paragraphs only) the latest line, sentence or word boundary.
     *
     * @param start the chunk start; nothing before it is looked at
     * @param after exclusive lower bound, at or after {@code start}
     * @param upTo inclusive upper bound, a grapheme boundary with a scanned code point or the end of input after it
     * @param end the document offset after the last scanned byte
     */
    long latest(long start, long after, long upTo, long end) {
        long line = -1;
        long lineEnd = -1; // the line end found last, so the first one after the current position, or -1
        long q = upTo - 1; // the highest byte not looked at yet
        while (q >= after) {
            long mask;
            long from;
            if (q - 7 >= after) {
                // most windows have long stretches without line breaks: look at a word at a time,
                // and at each CR or LF in it, highest first, without stepping through its bytes
                from = q - 7;
                long x = Words.at(window.buf, (int) (from - window.base));
                // one test first: no byte below 0x0E (so no CR or LF) in most words
                mask = ((x - 0x0E0E0E0E0E0E0E0EL) & ~x & 0x8080808080808080L) == 0 ? 0 : lineBreakBytes(x);
            } else {
                from = q;
                mask = lineBreakBytes(byteAt(q) & 0xFFL);
            }
            while (mask != 0) {
                int k = 7 - (Long.numberOfLeadingZeros(mask) >>> 3);
                mask &= ~(0x80L << (8 * k));
                long p = from + k;
                if (byteAt(p) == '\n' || p + 1 >= end || byteAt(p + 1) != '\n') { // not the CR of a CR LF
                    if (blankLineEndsAt(start, p)) {
                        level = PARAGRAPH;
                        if (startsHeading(p + 1, lineEnd, upTo)) {
                            return p + 1;
                        }
                        long heading = latestHeading(start, after, p, upTo);
                        return heading >= 0 ? heading : p + 1;
                    }
                    if (line < 0) {
                        line = p + 1;
                    }
                    lineEnd = p;
                }
            }
            q = from - 1;
        }
        if (paragraphsOnly) {
            level = NONE;
            return -1;
        }
        if (line >= 0) {
            level = LINE;
            return line;
        }
        long word = -1;
        for (long p = upTo; p > after; p = window.previousCodePoint(p)) {
            while (p - 8 > after && !mayEndWhitespace(p - 8)) {
                p -= 6; // no whitespace or full stop ends in the last six bytes before p: skip them
            }
            while (p > after && Utf8.isContinuation((byte) byteAt(p))) {
                p--;
            }
            if (p <= after) {
                break;
            }
            int kind = breakBefore(start, p, end);
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

    /**
     * The latest sentence end, line end or paragraph end in {@code (after, upTo]}, whichever
     * comes last, or the latest word boundary when there is none of them, or -1.
     *
     * @param start the chunk start; nothing before it is looked at
     * @param after exclusive lower bound, at or after {@code start}
     * @param upTo inclusive upper bound, as for {@link #latest}
     * @param end the document offset after the last scanned byte
     */
    long latestSentence(long start, long after, long upTo, long end) {
        long best = latest(start, after, upTo, end);
        while (best >= 0 && level < SENTENCE) {
            long later = latest(start, best, upTo, end);
            if (later < 0 || level > SENTENCE) {
                break;
            }
            best = later;
        }
        return best;
    }

    /**
     * The earliest paragraph boundary in {@code (after, upTo]}, moved on past any blank lines that
     * follow it (so the next chunk starts at text, not at an empty line). {@code upTo} must itself be a
     * paragraph boundary, as {@link #latest} found it: the answer is one of the positions
     * {@link #latest} would call a paragraph boundary, at most {@code upTo}.
     *
     * @param start the chunk start; nothing before it is looked at
     * @param after exclusive lower bound, at or after {@code start}
     * @param upTo a paragraph boundary after {@code after}
     * @param end the document offset after the last scanned byte
     */
    long earliestParagraph(long start, long after, long upTo, long end) {
        long found = upTo;
        long p = after;
        search:
        while (p < upTo) {
            long mask;
            int width;
            if (p + 8 <= upTo) {
                // eight bytes at a time, as latest looks back: most words hold no CR or LF
                long x = Words.at(window.buf, (int) (p - window.base));
                mask = ((x - 0x0E0E0E0E0E0E0E0EL) & ~x & 0x8080808080808080L) == 0 ? 0 : lineBreakBytes(x);
                width = 8;
            } else {
                mask = lineBreakBytes(byteAt(p) & 0xFFL);
                width = 1;
            }
            for (; mask != 0; mask &= mask - 1) { // lowest byte first
                long q = p + (Long.numberOfTrailingZeros(mask) >>> 3);
                if (isLineEnd(q, end) && blankLineEndsAt(start, q)) {
                    found = q + 1;
                    break search;
                }
            }
            p += width;
        }
        for (long q = found; q < upTo; q++) { // blank lines after it: whitespace up to a line end
            int b = byteAt(q);
            if (isLineEnd(q, end)) {
                found = q + 1;
            } else if (b != ' ' && b != '\t' && b != '\r' && b != 0x0B && b != 0x0C) {
                break;
            }
        }
        return found;
    }

    /**
     * The latest paragraph boundary in {@code (after, p]} where a heading starts, or -1, found from the
     * heading marks ({@code #}, {@code =}, {@code -}) at line starts rather than from every line end, so
     * that text with many short lines and no heading is not looked at line by line.
     *
     * @param start the chunk start
     * @param after exclusive lower bound of the boundary
     * @param p the line end of the latest blank line, whose paragraph boundary {@code p + 1} is no heading
     * @param upTo the cut's upper bound: nothing at or past it is looked at
     */
    private long latestHeading(long start, long after, long p, long upTo) {
        long best = -1;
        long q = Math.min(p + 1, upTo - 1); // an underline may start right after the blank line's title line
        while (q > after && q > best) {
            long mask;
            long from;
            if (q - 7 > after) {
                from = q - 7;
                long x = Words.at(window.buf, (int) (from - window.base));
                // '-' (0x2D) and '=' (0x3D) differ in one bit only: one test finds both
                mask = zeroBytes(x ^ 0x2323232323232323L) | zeroBytes((x | 0x1010101010101010L) ^ 0x3D3D3D3D3D3D3D3DL);
            } else {
                from = q;
                int b = byteAt(q);
                mask = b == '#' || b == '=' || b == '-' ? 0x80L : 0;
            }
            while (mask != 0) {
                int k = 7 - (Long.numberOfLeadingZeros(mask) >>> 3);
                mask &= ~(0x80L << (8 * k));
                long y = from + k;
                int before = byteAt(y - 1);
                if (y <= best || (before != '\n' && before != '\r')) {
                    continue; // not at a line start
                }
                long at = byteAt(y) == '#' ? y : titleStart(after, y, upTo);
                if (at > best && at <= p && blankLineEndsAt(start, at - 1) && startsHeading(at, y == at ? -1 : y - 1, upTo)) {
                    best = at;
                }
            }
            q = from - 1;
        }
        return best;
    }

    /**
     * Where the title line of an underline that would start at line start {@code u} starts, or -1: the
     * position after the line end before it, past {@code after}; -1 also when the line at {@code u} does not
     * start with three marks.
     */
    private long titleStart(long after, long u, long upTo) {
        int mark = byteAt(u);
        if (u + 2 >= upTo || byteAt(u + 1) != mark || byteAt(u + 2) != mark) {
            return -1;
        }
        long z = byteAt(u - 1) == '\n' && u - 2 > after && byteAt(u - 2) == '\r' ? u - 3 : u - 2; // in the title line
        while (z >= after && byteAt(z) != '\n' && byteAt(z) != '\r') {
            z--;
        }
        return z >= after ? z + 1 : -1;
    }

    /**
     * Whether a heading starts at {@code q}, a line start: the line starts with {@code #}, or the line
     * after it holds three or more {@code =} or {@code -} and nothing else. Only bytes before {@code bound}
     * are looked at (a heading not seen whole before it is not one), so the answer does not depend on how
     * far the input was fed.
     *
     * @param lineEnd the first line end (an LF, or a CR not followed by an LF) at or after {@code q} and
     *     before {@code bound}, as {@link #latest} found it looking back, or -1 when there is none; the
     *     line is not scanned again, since a paragraph's first line is often the whole paragraph
     */
    private boolean startsHeading(long q, long lineEnd, long bound) {
        if (q >= bound || byteAt(q) == '#') {
            return q < bound;
        }
        if (lineEnd < 0) {
            return false;
        }
        long r = lineEnd > q && byteAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd; // the CR of a CR LF ends the line
        long u = r < bound && byteAt(r) == '\r' && r + 1 < bound && byteAt(r + 1) == '\n' ? r + 2 : r + 1;
        if (r == q || u >= bound || (byteAt(u) != '=' && byteAt(u) != '-')) {
            return false;
        }
        int mark = byteAt(u);
        long v = u;
        while (v < bound && byteAt(v) == mark) {
            v++;
        }
        return v - u >= 3 && v < bound && (byteAt(v) == '\n' || byteAt(v) == '\r');
    }

    /** Whether a line ends with the byte at {@code p}: an LF, or a CR that is not the first half of a CR LF. */
    private boolean isLineEnd(long p, long end) {
        int b = byteAt(p);
        return b == '\n' || (b == '\r' && (p + 1 >= end || byteAt(p + 1) != '\n'));
    }

    /**
     * The earliest candidate of any strength in {@code [from, before)}, or -1.
     *
     * @param start the chunk start, before {@code from}
     * @param from inclusive lower bound, a code-point start after {@code start}
     * @param before exclusive upper bound
     * @param end the document offset after the last scanned byte
     */
    long earliest(long start, long from, long before, long end) {
        for (long p = from; p < before; p = window.nextCodePoint(p)) {
            int b = byteAt(p - 1);
            if (b == '\n' || (b == '\r' && byteAt(p) != '\n') || breakBefore(start, p, end) != NONE) {
                return p;
            }
        }
        return -1;
    }

    /** SENTENCE or WORD when whitespace (or an ideographic full stop) ends just before {@code p} and a word starts there. */
    private int breakBefore(long start, long p, long end) {
        if (p >= end) {
            return NONE;
        }
        long before = window.previousCodePoint(p);
        int prev = codePointAt(before);
        int cur = codePointAt(p);
        if (isWhitespace(cur) || !isBoundary(p)) {
            return NONE;
        }
        if (isFullWidthStop(prev)) {
            return SENTENCE;
        }
        if (!isWhitespace(prev)) {
            return NONE;
        }
        long q = before;
        while (q > start && isWhitespace(codePointAt(q))) {
            q = window.previousCodePoint(q);
        }
        while (q > start && isCloser(codePointAt(q))) {
            q = window.previousCodePoint(q);
        }
        int c = codePointAt(q);
        return q >= start && (c == '.' || c == '!' || c == '?' || isFullWidthStop(c)) ? SENTENCE : WORD;
    }

    /** Whether the line whose break is at {@code q} holds only ASCII whitespace, looking no further back than the chunk start. */
    private boolean blankLineEndsAt(long start, long q) {
        for (long i = q - 1; i >= start; i--) {
            int b = byteAt(i);
            if (b == '\n' || (b == '\r' && byteAt(i + 1) != '\n')) {
                return true; // the previous line ended here
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != 0x0B && b != 0x0C) {
                return false;
            }
        }
        return false; // the line began before the chunk: not known to be blank, whatever the feed or a byte order mark
    }

    /**
     * Whether one of the eight bytes from {@code p} on could end (or start) whitespace or an
     * ideographic full stop: an ASCII byte up to 0x20, or a lead byte E0 to E3 or EF of the
     * three-byte ones (U+1680, U+2000 to U+205F, U+3000, U+3002, U+FF01 and the like).
     */
    private boolean mayEndWhitespace(long p) {
        long x = Words.at(window.buf, (int) (p - window.base));
        long low = (x - 0x2121212121212121L) & ~x; // bytes below 0x21 (only where the high bit is clear)
        long lead = x & 0xFCFCFCFCFCFCFCFCL ^ 0xE0E0E0E0E0E0E0E0L; // E0..E3 become 0
        long ef = x ^ 0xEFEFEFEFEFEFEFEFL;
        long zero = ((lead - 0x0101010101010101L) & ~lead) | ((ef - 0x0101010101010101L) & ~ef);
        return ((low | zero) & 0x8080808080808080L) != 0;
    }

    /**
     * The high bit set in exactly those bytes of {@code x} that are CR or LF (a SWAR test without
     * the borrows between bytes that make the shorter test exact for the lowest match only).
     */
    static long lineBreakBytes(long x) {
        return zeroBytes(x ^ 0x0A0A0A0A0A0A0A0AL) | zeroBytes(x ^ 0x0D0D0D0D0D0D0D0DL);
    }

    /** The high bit set in exactly the bytes of {@code v} that are zero. */
    private static long zeroBytes(long v) {
        long t = (v & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL; // high bit set where the low seven bits are not all zero
        return ~(t | v | 0x7F7F7F7F7F7F7F7FL);
    }

    private int byteAt(long p) {
        return window.buf[(int) (p - window.base)];
    }

    private int codePointAt(long p) {
        return window.codePointAt(p);
    }

    /** {@link Character#isWhitespace(int)} without the table look-up (BoundaryFinderTest checks every code point). */
    static boolean isWhitespace(int c) {
        if (c < 0x80) {
            return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        }
        return c >= 0x1680 && (c == 0x1680 || (c >= 0x2000 && c <= 0x200A && c != 0x2007) || c == 0x2028 || c == 0x2029
                || c == 0x205F || c == 0x3000);
    }

    static boolean isFullWidthStop(int c) {
        return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
    }

    static boolean isCloser(int c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0x00BB
                || c == 0x300D || c == 0x300F;
    }
}
