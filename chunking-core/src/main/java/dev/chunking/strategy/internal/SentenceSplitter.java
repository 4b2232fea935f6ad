package dev.chunking.strategy.internal;

import java.util.Arrays;

/**
 * Finds sentence boundaries in a stream of code points, one code point at a time, without
 * looking ahead: a boundary is reported when the code point that starts the next sentence
 * arrives, at that code point's position. Whitespace after a sentence stays with it, so the
 * sentences of a text concatenate back to the text. A rule-based approximation of UAX #29
 * sentence boundaries tuned for chunking; its rules:
 *
 * <ol>
 *   <li><b>Terminators.</b> {@code .} {@code !} {@code ?} {@code …} (and the rarer {@code ‼ ⁇ ⁈ ⁉},
 *       Greek {@code ;}, Arabic {@code ؟ ۔}, Devanagari {@code । ॥}) end a sentence only when
 *       whitespace follows, after any closing punctuation ({@code " ' ) ]}, closing braces, {@code ” ’ »} and
 *       every other Pe or Pf character), so {@code 3.14}, {@code v1.2.3}, {@code example.com/a.b} and
 *       {@code a@b.com} never break; the next sentence starts at the first code point after the
 *       whitespace, unless that is a lower-case letter ({@code "etc. and"}, {@code "Wait... what"},
 *       {@code "Really?" she asked}). Runs of terminators ({@code ?!}, {@code ...}) act as one.</li>
 *   <li><b>Abbreviations.</b> A {@code .} right after one of these words (case-insensitive) ends
 *       nothing: mr mrs ms dr prof sr jr st vs etc cf al approx fig figs no nos vol vols ed eds
 *       inc ltd co corp dept est jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave eg ie
 *       ca viz pp ibid capt col gen gov hon lt rev sen sgt. Nor does a {@code .} right after a
 *       single letter, for initials ({@code J. R. R. Tolkien}); abbreviations written with
 *       dots end in a single letter ({@code e.g.}, {@code i.e.}, {@code U.S.}, {@code p.m.}), so
 *       they never end a sentence either, even when they do ({@code "in the U.S. Then"} is one
 *       sentence), and neither does a lone {@code I.}. The word before a {@code .} is the run of
 *       letters right before it; a run that also holds digits, hyphens, underscores or
 *       apostrophes ({@code 3rd}, {@code X-ray}, {@code don't}) is no abbreviation, nor is a word
 *       of more than eight letters.</li>
 *   <li><b>CJK terminators.</b> After {@code 。 ！ ？ ．} or halfwidth {@code ｡} and any closing
 *       punctuation ({@code 」 』 ）}), the next sentence starts at the next code point that is
 *       neither whitespace nor another terminator or closer, with or without whitespace in
 *       between. The ideographic comma {@code 、} is not a terminator.</li>
 *   <li><b>Paragraphs.</b> A paragraph break (a line break, then after only whitespace another
 *       line break; CR LF counts as one line break; U+2029 is a paragraph break on its own)
 *       ends a sentence whatever comes before it: the next non-whitespace code point starts the
 *       next one, so titles and list items without terminators are sentences. A single line
 *       break does not end a sentence. Line breaks are LF, CR, VT, FF, NEL and U+2028.</li>
 *   <li><b>Clusters.</b> A sentence never starts with a code point that cannot start a grapheme
 *       cluster (combining marks Mn, Mc, Me, the zero width joiner, variation selectors, emoji
 *       modifiers, tag characters): where one comes where a sentence would start, the start moves
 *       to the next code point that is neither whitespace nor such a code point. Every boundary
 *       is therefore also an extended grapheme cluster boundary.</li>
 *   <li><b>Edges.</b> A sentence never starts at the first code point of a text, and never
 *       consists of whitespace only: leading whitespace belongs to the first sentence, and a
 *       text of whitespace only is one sentence.</li>
 * </ol>
 *
 * <p>Whitespace is {@link Character#isWhitespace(int)} or {@link Character#isSpaceChar(int)}
 * (so no-break spaces count), plus NEL. Per code point the work is one table lookup and, for a
 * letter inside a sentence, two comparisons and a shift; nothing is allocated. Not thread-safe.
 */
final class SentenceSplitter {
    // Character classes; letters first, so one comparison tells them apart.
    private static final byte LOWER = 0;
    private static final byte LETTER = 1;
    private static final byte OTHER = 2;
    private static final byte FULL_STOP = 3;
    private static final byte TERMINATOR = 4;
    private static final byte CJK_TERMINATOR = 5;
    private static final byte CLOSER = 6;
    private static final byte EXTEND = 7;
    private static final byte SPACE = 8;
    private static final byte LINE = 9;
    private static final byte CR = 10;
    private static final byte PARAGRAPH = 11;

    // States, after the code points seen so far.
    /** Nothing but whitespace yet. */
    private static final int START = 0;
    /** Inside a sentence, after a code point that is not whitespace. */
    private static final int TEXT = 1;
    /** Whitespace inside a sentence. */
    private static final int SPACE_AFTER_TEXT = 2;
    /** Right after {@code . ! ? …} and any closers. */
    private static final int TERMINATED = 3;
    /** Whitespace after {@link #TERMINATED}: the next code point decides. */
    private static final int SPACE_AFTER_TERMINATOR = 4;
    /** After a CJK terminator and any closers, maybe whitespace. */
    private static final int CJK_TERMINATED = 5;
    /** The next code point that can start a sentence starts one. */
    private static final int PENDING = 6;

    /** Longest word, in letters, that the packed {@link #word} holds. */
    private static final int MAX_WORD = 8;
    private static final long[] ABBREVIATIONS = pack("mr mrs ms dr prof sr jr st vs etc cf al approx fig figs no nos vol vols"
            + " ed eds inc ltd co corp dept est jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave eg ie ca viz pp"
            + " ibid capt col gen gov hon lt rev sen sgt");

    /** Classes of planes 0 and 1, computed once: one array load per code point. */
    private static final byte[] CLASSES = new byte[0x20000];

    static {
        for (int cp = 0; cp < CLASSES.length; cp++) {
            CLASSES[cp] = classify(cp);
        }
    }

    private int state = START;
    /** The last letters before the current position, lower-cased ASCII or 0xFF, one per byte, last in the low byte. */
    private long word;
    /** How many letters {@link #word} has, up to {@code MAX_WORD + 1} for longer words; 0 after a non-letter. */
    private int wordLength;
    /** Whether the last {@code .} followed an abbreviation or an initial, so that it ends nothing. */
    private boolean abbreviation;
    /** Line breaks in the current run of whitespace. */
    private int lineBreaks;
    /** Whether the last code point was a CR, so that an LF right after it is the same line break. */
    private boolean afterCr;

    /** Creates a splitter in the state for the start of a text. */
    SentenceSplitter() {
        // fields start as at the start of a text
    }

    /**
     * Feeds the next code point of the text.
     *
     * @param codePoint the code point
     * @param position where it is, in any unit the caller likes; strictly increasing from call to call
     * @return {@code position} if this code point starts a new sentence, else -1
     */
    long push(int codePoint, long position) {
        int cls = codePoint < CLASSES.length ? CLASSES[codePoint] : classify(codePoint);
        if (cls <= LETTER && state == TEXT) {
            letter(codePoint); // the common case: a letter inside a sentence
            return -1;
        }
        if (cls >= SPACE) {
            whitespace(codePoint, cls);
            return -1;
        }
        if (cls == EXTEND) {
            // A mark cannot start a sentence; after plain whitespace it is content, as the cluster it makes is.
            // It leaves the word alone, so that a decomposed accented letter before a full stop is an initial too.
            if (state == START || state == SPACE_AFTER_TEXT) {
                state = TEXT;
            }
            return -1;
        }
        switch (state) {
            case TERMINATED:
                if (cls == FULL_STOP || cls == TERMINATOR) {
                    abbreviation = false; // "Dr.?" and "..." end what they end
                    return -1;
                }
                if (cls == CJK_TERMINATOR) {
                    state = CJK_TERMINATED;
                    return -1;
                }
                if (cls == CLOSER) {
                    return -1;
                }
                return text(codePoint, cls, -1); // "3.14", "e.g.x": no whitespace, no sentence end
            case SPACE_AFTER_TERMINATOR:
                return text(codePoint, cls, abbreviation || cls == LOWER ? -1 : position);
            case CJK_TERMINATED:
                if (cls == FULL_STOP || cls == TERMINATOR || cls == CJK_TERMINATOR || cls == CLOSER) {
                    return -1;
                }
                return text(codePoint, cls, position);
            case PENDING:
                return text(codePoint, cls, position);
            default:
                return text(codePoint, cls, -1);
        }
    }

    /** Forgets the text so far: the next code point is the first of a new text. */
    void reset() {
        state = START;
        word = 0;
        wordLength = 0;
        abbreviation = false;
        lineBreaks = 0;
        afterCr = false;
    }

    /**
     * Writes the splitter's state, for a resume point: it holds no positions, so a restored
     * splitter fed the code points after the saved ones reports the same boundaries.
     *
     * @param out the state being written
     */
    void save(StateWriter out) {
        out.number(state).number(word).number(wordLength).flag(abbreviation).number(lineBreaks).flag(afterCr);
    }

    /**
     * Takes back what {@link #save} wrote.
     *
     * @param in the state, positioned where {@link #save} began writing
     */
    void restore(StateReader in) {
        state = in.integer();
        word = in.number();
        wordLength = in.integer();
        abbreviation = in.flag();
        lineBreaks = in.integer();
        afterCr = in.flag();
    }

    /** Takes a code point that is neither whitespace nor a mark as part of a sentence. */
    private long text(int cp, int cls, long result) {
        state = TEXT;
        switch (cls) {
            case LOWER:
            case LETTER:
                letter(cp);
                break;
            case FULL_STOP:
                abbreviation = isAbbreviation();
                state = TERMINATED;
                wordLength = 0;
                break;
            case TERMINATOR:
                abbreviation = false;
                state = TERMINATED;
                wordLength = 0;
                break;
            case CJK_TERMINATOR:
                state = CJK_TERMINATED;
                wordLength = 0;
                break;
            default:
                // digits, apostrophes, hyphens and underscores join words ("3rd", "don't", "X-ray"), which are then no abbreviation
                wordLength = (cls == OTHER && isWordJoiner(cp)) || (cls == CLOSER && wordLength > 0 && (cp == '\'' || cp == 0x2019))
                        ? MAX_WORD + 1 : 0;
                break;
        }
        return result;
    }

    /** Whether the letters right before a {@code .} are an initial or a listed abbreviation. */
    private boolean isAbbreviation() {
        if (wordLength == 1) {
            return true;
        }
        if (wordLength < 2 || wordLength > MAX_WORD) {
            return false;
        }
        // word still holds letters of earlier words in its high bytes: keep the current word's only
        long current = wordLength == MAX_WORD ? word : word & ((1L << (8 * wordLength)) - 1);
        return Arrays.binarySearch(ABBREVIATIONS, current) >= 0;
    }

    private static boolean isWordJoiner(int cp) {
        return (cp >= '0' && cp <= '9') || cp == '-' || cp == '_' || Character.isDigit(cp);
    }

    private void letter(int cp) {
        word = (word << 8) | (cp < 0x80 ? cp | 0x20 : 0xFF);
        if (wordLength <= MAX_WORD) {
            wordLength++;
        }
    }

    private void whitespace(int cp, int cls) {
        switch (state) {
            case START:
            case PENDING:
                return;
            case CJK_TERMINATED:
                state = PENDING;
                return;
            case TEXT:
                state = SPACE_AFTER_TEXT;
                startWhitespace();
                break;
            case TERMINATED:
                state = SPACE_AFTER_TERMINATOR;
                startWhitespace();
                break;
            default:
                break;
        }
        boolean crLf = afterCr && cp == '\n';
        afterCr = cls == CR;
        if (cls == PARAGRAPH || (cls != SPACE && !crLf && ++lineBreaks >= 2)) {
            state = PENDING;
        }
    }

    private void startWhitespace() {
        lineBreaks = 0;
        afterCr = false;
        wordLength = 0;
    }

    private static byte classify(int cp) {
        switch (cp) {
            case '.':
                return FULL_STOP;
            case '!': case '?': case 0x2026: case 0x203C: case 0x2047: case 0x2048: case 0x2049: case 0x037E: case 0x061F:
            case 0x06D4: case 0x0964: case 0x0965:
                return TERMINATOR;
            case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: case 0xFF61:
                return CJK_TERMINATOR;
            case '"': case '\'': case 0xFF02: case 0xFF07:
                return CLOSER;
            case '\n': case 0x0B: case 0x0C: case 0x85: case 0x2028:
                return LINE;
            case '\r':
                return CR;
            case 0x2029:
                return PARAGRAPH;
            default:
                break;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return SPACE;
        }
        if (!startsCluster(cp)) {
            return EXTEND;
        }
        int type = Character.getType(cp);
        if (type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION) {
            return CLOSER;
        }
        if (Character.isLowerCase(cp)) {
            return LOWER;
        }
        return Character.isLetter(cp) ? LETTER : OTHER;
    }

    /**
     * Whether a code point can start a grapheme cluster after whitespace or punctuation: not a
     * combining mark (Mn, Mc, Me), ZWJ, variation selector, emoji modifier or tag character.
     *
     * @param cp a code point
     * @return false for the code points a sentence may not start with
     */
    private static boolean startsCluster(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return false;
        }
        int property = Graphemes.property(cp);
        return property != Graphemes.EXTEND && property != Graphemes.ZWJ && property != Graphemes.SPACING_MARK;
    }

    private static long[] pack(String words) {
        String[] list = words.split(" ");
        long[] packed = new long[list.length];
        for (int i = 0; i < list.length; i++) {
            long w = 0;
            for (int k = 0; k < list[i].length(); k++) {
                w = (w << 8) | list[i].charAt(k);
            }
            packed[i] = w;
        }
        Arrays.sort(packed);
        return packed;
    }
}
