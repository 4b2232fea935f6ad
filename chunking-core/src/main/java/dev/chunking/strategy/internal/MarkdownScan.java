package dev.chunking.strategy.internal;


/**
 * What {@link MarkdownStructure} reads straight from the chunker's window, without copying a
 * line first: line ends, the lines of fenced code that may close the fence, the first bytes
 * that decide a line starts no block, and a setext heading's text. Stateless.
 */
final class MarkdownScan {

    /** The index of the first LF in {@code [from, end)}, or -1; eight bytes at a time. */
    static int indexOfNewline(byte[] buf, int from, int end) {
        return indexOf(buf, from, end, (byte) '\n');
    }

    /** The index of the first byte {@code b} in {@code [from, end)}, or -1; eight bytes at a time. */
    static int indexOf(byte[] buf, int from, int end, byte b) {
        long pattern = (b & 0xFFL) * 0x0101010101010101L;
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long x = Words.at(buf, i) ^ pattern;
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L; // exact for the lowest zero byte
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The index after the last LF in {@code [from, end)}, or {@code from} when there is none. */
    static int lastLineStart(byte[] buf, int from, int end) {
        for (int i = end - 1; i >= from; i--) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return from;
    }

    /**
     * Where reading fenced code from the line start {@code from} must go on: the first line that
     * may close the fence (see {@link #mayCloseFence}) or, when none does, the last line start
     * before {@code end}; no other line can change anything. {@code [from, seen)} holds no LF (it
     * was searched before).
     */
    static int skipFence(byte[] buf, int from, int seen, int end, byte c) {
        int to = mayCloseFence(buf, from, seen, end, c);
        if (to < 0) {
            to = lastLineStart(buf, seen, end);
            to = to == seen ? from : to; // no LF at all: the line at from goes on
        }
        return to;
    }

    /**
     * The start of the first line in {@code [from, end)} that may close a fence of the
     * character {@code c}: its first non-blank byte, at most three bytes in, is {@code c}.
     * {@code from} must be a line start; the search for {@code c} starts at {@code searchFrom}
     * (bytes before it were searched already). Returns -1 when no line does.
     */
    static int mayCloseFence(byte[] buf, int from, int searchFrom, int end, byte c) {
        int first = from;
        while (first < end && first - from < 3 && (buf[first] == ' ' || buf[first] == '\t')) {
            first++;
        }
        if (first < end && buf[first] == c) {
            return from; // the line at from, whose bytes may all lie before searchFrom
        }
        for (int at = indexOf(buf, Math.max(from, searchFrom), end, c); at >= 0; at = indexOf(buf, at + 1, end, c)) {
            int k = at;
            while (k > from && at - k <= 3 && (buf[k - 1] == ' ' || buf[k - 1] == '\t')) {
                k--;
            }
            if (at - k <= 3 && (k == from || buf[k - 1] == '\n')) {
                return k;
            }
        }
        return -1;
    }

    /** {@link #prose}: the line needs the full rules. */
    static final int NO_PROSE = 0;
    /** {@link #prose}: indented code, where no block starts. */
    static final int INDENTED_CODE = 1;
    /** {@link #prose}: plain text, which starts no block. */
    static final int PLAIN_TEXT = 2;

    /**
     * The fast path's test of the line {@code [from, to)} (no LF, non-empty, with no container
     * or other block open): {@link #INDENTED_CODE} when it is indented four columns or more and
     * no paragraph is open, {@link #PLAIN_TEXT} when {@link #startsNoBlock} decides it from its
     * first bytes, else {@link #NO_PROSE}.
     */
    static int prose(byte[] buf, int from, int to, boolean paragraph) {
        if (!paragraph && isIndentedCode(buf, from, to)) {
            return INDENTED_CODE;
        }
        int i = from;
        while (i < to && i - from < 4 && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i == to || i - from > 3) {
            return NO_PROSE;
        }
        return startsNoBlock(buf, i, buf[to - 1] == '\r' ? to - 1 : to, paragraph) ? PLAIN_TEXT : NO_PROSE;
    }

    /** A non-blank line indented four columns or more (tabs to multiples of four). */
    private static boolean isIndentedCode(byte[] buf, int from, int to) {
        int columns = 0;
        int i = from;
        while (i < to && columns < 4 && (buf[i] == ' ' || buf[i] == '\t')) {
            columns += buf[i] == '\t' ? 4 - (columns & 3) : 1;
            i++;
        }
        return columns >= 4 && MarkdownLines.skipBlanks(buf, i, to) != to && !(to > i && buf[to - 1] == '\r' && to - 1 == i);
    }

    /**
     * Whether the line {@code [from, to)} (from its first non-blank byte, no line ending) starts
     * no block and is no setext underline of the open paragraph, decided from its first bytes:
     * a letter, most punctuation, a non-ASCII character, a backtick or tilde not opening a fence,
     * a {@code #} not opening a heading, or a row of {@code =} that underlines nothing
     * ({@code paragraph}: whether a paragraph is open above it).
     */
    static boolean startsNoBlock(byte[] buf, int from, int to, boolean paragraph) {
        int c = buf[from];
        if (c < 0 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '"' || c == '\'' || c == '(' || c == ','
                || c == '.' || c == ';' || c == '/' || c == '&' || c == '$' || c == '%' || c == '?' || c == '@') {
            return true;
        }
        if (c == '`' || c == '~') {
            return to - from < 3 || buf[from + 1] != c || buf[from + 2] != c;
        }
        if (c == '#') {
            return to - from > 1 && buf[from + 1] != '#' && buf[from + 1] != ' ' && buf[from + 1] != '\t';
        }
        if (c == '=') { // RST tables and rules: an underline only with nothing but = and blanks after a paragraph
            int i = from;
            while (i < to && buf[i] == '=') {
                i++;
            }
            return !paragraph || MarkdownLines.skipBlanks(buf, i, to) < to;
        }
        return false;
    }

    /** A setext heading's text: the lines in {@code buf[from, to)}, each trimmed of spaces and tabs, joined by single spaces. */
    static String setextText(byte[] buf, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; ) {
            int nl = indexOfNewline(buf, i, to);
            int stop = nl < 0 ? to : nl;
            if (stop > i && buf[stop - 1] == '\r') {
                stop--;
            }
            text.append(text.length() == 0 ? "" : " ").append(MarkdownLines.trimmed(buf, i, stop));
            i = nl < 0 ? to : nl + 1;
        }
        return text.toString();
    }

    /** The number of cells of a table row (trimmed): its unescaped pipes, less a leading and a trailing one, plus one. */
    static int cells(String row) {
        int pipes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                pipes++;
            }
        }
        boolean leading = row.startsWith("|");
        boolean trailing = row.length() > 1 && row.endsWith("|") && !row.endsWith("\\|");
        return pipes + 1 - (leading ? 1 : 0) - (trailing ? 1 : 0);
    }

    private MarkdownScan() {
    }
}
