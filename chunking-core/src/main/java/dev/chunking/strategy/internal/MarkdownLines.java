package dev.chunking.strategy.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * CommonMark's line-level tests on one line's bytes (without its line break): indentation,
 * ATX headings, setext underlines, code fences, thematic breaks, list markers, HTML block
 * starts and ends, GFM table delimiter rows. Only what the heading outline and the block
 * boundaries need; inline syntax is never parsed. Stateless.
 */
final class MarkdownLines {
    /** Tag names that start an HTML block of CommonMark type 6. */
    private static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "base", "basefont", "blockquote",
            "body", "caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
            "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
            "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
            "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th",
            "thead", "title", "tr", "track", "ul");
    private static final String[] RAW_TAGS = {"pre", "script", "style", "textarea"};

    private MarkdownLines() {
    }

    /** Columns of leading spaces and tabs (tabs to the next multiple of 4). */
    static int indent(byte[] b, int n) {
        int col = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == ' ') {
                col++;
            } else if (b[i] == '\t') {
                col += 4 - (col & 3);
            } else {
                return col;
            }
        }
        return col;
    }

    /** Index of the first byte that is not a space or tab. */
    static int skipBlanks(byte[] b, int from, int n) {
        int i = from;
        while (i < n && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    static boolean isBlank(byte[] b, int n) {
        return skipBlanks(b, 0, n) == n;
    }

    /** The ATX heading level of a line indented at most 3, or 0. */
    static int atxLevel(byte[] b, int n) {
        int i = skipBlanks(b, 0, n);
        if (indent(b, n) > 3) {
            return 0;
        }
        int level = 0;
        while (i < n && b[i] == '#') {
            level++;
            i++;
        }
        return level >= 1 && level <= 6 && (i == n || b[i] == ' ' || b[i] == '\t') ? level : 0;
    }

    /** The text of an ATX heading: after the opening sequence, without a closing sequence, trimmed. */
    static String atxText(byte[] b, int n) {
        int i = skipBlanks(b, 0, n);
        while (i < n && b[i] == '#') {
            i++;
        }
        int end = n;
        while (end > i && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        int hashes = end;
        while (hashes > i && b[hashes - 1] == '#') {
            hashes--;
        }
        if (hashes == i || b[hashes - 1] == ' ' || b[hashes - 1] == '\t') {
            end = hashes; // a closing sequence: only #s, preceded by a space or tab (or nothing)
        }
        return trimmed(b, i, end);
    }

    /** The bytes {@code [from, to)} decoded, without leading and trailing spaces and tabs. */
    static String trimmed(byte[] b, int from, int to) {
        int i = skipBlanks(b, from, to);
        int end = to;
        while (end > i && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return new String(b, i, end - i, StandardCharsets.UTF_8);
    }

    /** 1 for a {@code =} underline, 2 for a {@code -} underline, else 0. */
    static int setextLevel(byte[] b, int n) {
        if (indent(b, n) > 3) {
            return 0;
        }
        int i = skipBlanks(b, 0, n);
        if (i == n || (b[i] != '=' && b[i] != '-')) {
            return 0;
        }
        byte c = b[i];
        while (i < n && b[i] == c) {
            i++;
        }
        return skipBlanks(b, i, n) == n ? (c == '=' ? 1 : 2) : 0;
    }

    /** Whether the line is a thematic break: three or more of one of {@code - * _}, with spaces between. */
    static boolean isThematicBreak(byte[] b, int n) {
        if (indent(b, n) > 3) {
            return false;
        }
        int i = skipBlanks(b, 0, n);
        if (i == n || (b[i] != '-' && b[i] != '*' && b[i] != '_')) {
            return false;
        }
        byte c = b[i];
        int count = 0;
        for (; i < n; i++) {
            if (b[i] == c) {
                count++;
            } else if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return count >= 3;
    }

    /** The fence of an opening code fence line, as {@code char << 16 | length}, or 0. */
    static int fenceOpen(byte[] b, int n) {
        if (indent(b, n) > 3) {
            return 0;
        }
        int i = skipBlanks(b, 0, n);
        if (i == n || (b[i] != '`' && b[i] != '~')) {
            return 0;
        }
        byte c = b[i];
        int len = 0;
        while (i < n && b[i] == c) {
            len++;
            i++;
        }
        if (len < 3) {
            return 0;
        }
        if (c == '`') {
            for (; i < n; i++) {
                if (b[i] == '`') {
                    return 0; // a backtick fence's info string has no backtick
                }
            }
        }
        return c << 16 | len;
    }

    /** Whether the line closes a fence opened with {@code fence} (as returned by {@link #fenceOpen}). */
    static boolean closesFence(byte[] b, int n, int fence) {
        if (indent(b, n) > 3) {
            return false;
        }
        int i = skipBlanks(b, 0, n);
        byte c = (byte) (fence >>> 16);
        int len = 0;
        while (i < n && b[i] == c) {
            len++;
            i++;
        }
        return len >= (fence & 0xFFFF) && skipBlanks(b, i, n) == n;
    }

    /**
     * The content indent of a list item that starts on this line (the column its content
     * starts at), or 0 when the line starts no list item.
     *
     * @param interrupting whether the line would interrupt a paragraph (then an ordered list must start at 1 and the item must not be empty)
     */
    static int listItemIndent(byte[] b, int n, boolean interrupting) {
        int ind = indent(b, n);
        if (ind > 3) {
            return 0;
        }
        int i = skipBlanks(b, 0, n);
        int start = i;
        if (i < n && (b[i] == '-' || b[i] == '+' || b[i] == '*')) {
            i++;
        } else {
            long number = 0;
            while (i < n && i - start < 9 && b[i] >= '0' && b[i] <= '9') {
                number = number * 10 + (b[i] - '0');
                i++;
            }
            if (i == start || i == n || (b[i] != '.' && b[i] != ')') || (interrupting && number != 1)) {
                return 0;
            }
            i++;
        }
        int marker = ind + (i - start);
        if (i == n) {
            return interrupting ? 0 : marker + 1;
        }
        if (b[i] != ' ' && b[i] != '\t') {
            return 0;
        }
        int after = skipBlanks(b, i, n);
        if (after == n) {
            return interrupting ? 0 : marker + 1;
        }
        int column = marker;
        for (int j = i; j < after; j++) {
            column += b[j] == '\t' ? 4 - (column & 3) : 1; // a tab goes to the next multiple of four columns
        }
        int spaces = column - marker;
        return spaces > 4 ? marker + 1 : marker + spaces;
    }

    /** Whether the line starts a block quote. */
    static boolean isBlockQuote(byte[] b, int n) {
        int i = skipBlanks(b, 0, n);
        return indent(b, n) <= 3 && i < n && b[i] == '>';
    }

    /**
     * The CommonMark HTML block type (1 to 7) this line starts, or 0. Type 7 cannot interrupt a
     * paragraph, so it is not returned when {@code interrupting}.
     */
    static int htmlStart(byte[] b, int n, boolean interrupting) {
        int i = skipBlanks(b, 0, n);
        if (indent(b, n) > 3 || i + 1 >= n || b[i] != '<') {
            return 0;
        }
        String rest = new String(b, i, Math.min(n - i, 64), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String tag : RAW_TAGS) {
            if (rest.startsWith("<" + tag) && (rest.length() == tag.length() + 1 || " \t>".indexOf(rest.charAt(tag.length() + 1)) >= 0)) {
                return 1;
            }
        }
        if (rest.startsWith("<!--")) {
            return 2;
        }
        if (rest.startsWith("<?")) {
            return 3;
        }
        if (rest.startsWith("<![cdata[")) {
            return 5;
        }
        if (rest.startsWith("<!") && rest.length() > 2 && Character.isLetter(rest.charAt(2))) {
            return 4;
        }
        int t = rest.startsWith("</") ? 2 : 1;
        int e = t;
        while (e < rest.length() && (Character.isLetterOrDigit(rest.charAt(e)) || (e > t && rest.charAt(e) == '-'))) {
            e++;
        }
        if (e == t || !Character.isLetter(rest.charAt(t))) {
            return 0;
        }
        String name = rest.substring(t, e);
        boolean ends = e == rest.length() || " \t>".indexOf(rest.charAt(e)) >= 0 || rest.startsWith("/>", e);
        if (BLOCK_TAGS.contains(name) && ends) {
            return 6;
        }
        return !interrupting && isCompleteTagLine(b, i, n) ? 7 : 0;
    }

    /** A single open or closing tag and nothing else but spaces on the line (an approximation of CommonMark's tag grammar). */
    private static boolean isCompleteTagLine(byte[] b, int from, int n) {
        int end = n;
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        if (end - from < 3 || b[end - 1] != '>') {
            return false;
        }
        char quote = 0;
        for (int i = from + 1; i < end - 1; i++) {
            byte c = b[i];
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = (char) c;
            } else if (c == '<' || c == '>') {
                return false;
            }
        }
        return quote == 0;
    }

    /** Whether a line ends the HTML block of the given type (types 6 and 7 end at a blank line instead). */
    static boolean endsHtml(byte[] b, int n, int type) {
        String line = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        switch (type) {
            case 1:
                String lower = line.toLowerCase(Locale.ROOT);
                return lower.contains("</script>") || lower.contains("</pre>") || lower.contains("</style>")
                        || lower.contains("</textarea>");
            case 2:
                return line.contains("-->");
            case 3:
                return line.contains("?>");
            case 4:
                return line.contains(">");
            case 5:
                return line.contains("]]>");
            default:
                return false;
        }
    }

    /** Whether the line is a GFM table delimiter row, such as {@code |---|:--:|}. */
    static boolean isTableDelimiter(byte[] b, int n) {
        if (indent(b, n) > 3) {
            return false;
        }
        boolean pipe = false;
        int cells = 0;
        int dashes = 0;
        boolean content = false; // the current cell has a dash or a colon
        for (int i = 0; i < n; i++) {
            byte c = b[i];
            if (c == '|') {
                if ((pipe || content) && (!content || dashes == 0)) {
                    return false; // an empty cell, or one of colons only
                }
                cells += content ? 1 : 0;
                pipe = true;
                dashes = 0;
                content = false;
            } else if (c == '-' || c == ':') {
                dashes += c == '-' ? 1 : 0;
                content = true;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        if (content && dashes == 0) {
            return false;
        }
        return pipe && cells + (content ? 1 : 0) > 0;
    }

    /**
     * Whether the line is a link reference definition ({@code [label]: destination}), which is no
     * paragraph text: it cannot become a setext heading nor a table header.
     */
    static boolean isLinkReferenceDefinition(byte[] b, int n) {
        int i = skipBlanks(b, 0, n);
        if (indent(b, n) > 3 || i >= n || b[i] != '[') {
            return false;
        }
        int j = i + 1;
        while (j < n && b[j] != ']') {
            j += b[j] == '\\' ? 2 : 1;
        }
        if (j >= n - 1 || j == i + 1 || b[j + 1] != ':') {
            return false;
        }
        return skipBlanks(b, j + 2, n) < n;
    }

    /** Whether the line contains a pipe, as a table header row must. */
    static boolean hasPipe(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '|') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the line starts, after at most three spaces, with a character that begins no
     * block construct (most lines of prose): then it can only continue or start a paragraph.
     */
    static boolean isPlainText(byte[] b, int n) {
        int i = skipBlanks(b, 0, n);
        if (i > 3 || i == n) {
            return false;
        }
        int c = b[i];
        return c < 0 || Character.isLetter(c) || c == '"' || c == '\'' || c == '(' || c == '[' || c == '!' || c == '.'
                || c == ',' || c == ';' || c == '&' || c == '@' || c == '$' || c == '%' || c == '?' || c == '/' || c == '\\'
                || c == '{' || c == ')' || c == ']' || c == '}' || c == '^' || c == '\u0000';
    }
}
