package dev.chunking.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The top-level heading outline of a Markdown document as commonmark-java (a CommonMark
 * reference parser) sees it: the oracle the markdown strategy's heading paths are checked
 * against.
 *
 * <p>The outline holds the ATX and setext headings that are children of the document itself;
 * headings inside block quotes, list items or other containers are not part of it, and
 * neither are {@code #} lines in code blocks or HTML blocks. Heading text is taken from the
 * raw source (through block source spans), not from the parsed inlines, so emphasis markers,
 * escapes and entities stay as written (see {@link Heading}).
 *
 * <p>YAML front matter, which CommonMark does not know, is ignored: when the first line of the
 * document is {@code ---} and a later line is {@code ---} or {@code ...} (each with optional
 * trailing spaces or tabs), every character of those lines up to and including the closing
 * one, except line breaks, is replaced by a space before parsing (see
 * {@link #blankFrontMatter(String)}), so offsets are kept and no front-matter line becomes a
 * heading. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as in commonmark-java. A
 * leading byte order mark is not stripped: commonmark-java then does not see a heading on the
 * first line.
 */
public final class CommonMarkOutline {
    private static final Parser PARSER = Parser.builder().extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private CommonMarkOutline() {
    }

    /**
     * A top-level heading.
     *
     * @param startCodePoint code-point offset of the start of the heading's first source line,
     *     leading indentation included; for a setext heading, its first content line
     * @param level 1 to 6
     * @param text the raw heading content: for an ATX heading the line after the opening
     *     {@code #}s without an optional closing {@code #} sequence, trimmed of spaces and
     *     tabs; for a setext heading each content line trimmed of spaces and tabs and joined
     *     with one space (the underline excluded)
     */
    public record Heading(long startCodePoint, int level, String text) {
    }

    /**
     * Parses a document and returns its top-level headings in document order.
     *
     * @param markdown the whole document
     * @return the outline
     * @throws IllegalStateException if commonmark-java's source spans do not fit the document
     *     (they are checked against the spans' own input index)
     */
    public static List<Heading> headings(String markdown) {
        String source = blankFrontMatter(markdown);
        int[] lineStarts = lineStarts(source);
        Node document = PARSER.parse(source);
        List<Heading> headings = new ArrayList<>();
        int charIndex = 0;
        long codePoints = 0;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof org.commonmark.node.Heading heading) {
                int lineStart = lineStarts[firstSpan(heading).getLineIndex()];
                // counted on the original: blanking may have turned a surrogate pair into two spaces
                codePoints += markdown.codePointCount(charIndex, lineStart);
                charIndex = lineStart;
                headings.add(new Heading(codePoints, heading.getLevel(), text(source, lineStarts, heading)));
            }
        }
        return headings;
    }

    /**
     * Returns the heading path in force at an offset: of the headings starting at or before
     * it, in order, each removes the entries of its own level or deeper and is then appended.
     *
     * @param headings an outline from {@link #headings(String)}
     * @param codePoint a code-point offset in the document
     * @return heading texts from the outermost inwards; empty before the first heading
     */
    public static List<String> pathAt(List<Heading> headings, long codePoint) {
        List<String> path = new ArrayList<>();
        for (Heading heading : openAt(headings, codePoint)) {
            path.add(heading.text());
        }
        return path;
    }

    /**
     * Returns the level of the innermost heading in force at an offset.
     *
     * @param headings an outline from {@link #headings(String)}
     * @param codePoint a code-point offset in the document
     * @return 1 to 6, or 0 before the first heading
     */
    public static int levelAt(List<Heading> headings, long codePoint) {
        List<Heading> open = openAt(headings, codePoint);
        return open.isEmpty() ? 0 : open.get(open.size() - 1).level();
    }

    /**
     * Blanks out YAML front matter: if the first line is {@code ---} and a later line is
     * {@code ---} or {@code ...} (trailing spaces and tabs allowed), every character of the
     * lines from the first to that closing line, except {@code \r} and {@code \n}, becomes a
     * space. Without a closing line the text is returned unchanged.
     *
     * @param markdown the whole document
     * @return the document with the same length in chars and the same line structure (a
     *     surrogate pair becomes two spaces, so count code points on the original)
     */
    public static String blankFrontMatter(String markdown) {
        int[] starts = lineStarts(markdown);
        if (starts.length < 2 || !isDelimiter(line(markdown, starts, 0), false)) {
            return markdown;
        }
        for (int i = 1; i < starts.length; i++) {
            if (isDelimiter(line(markdown, starts, i), true)) {
                int end = i + 1 < starts.length ? starts[i + 1] : markdown.length();
                StringBuilder blanked = new StringBuilder(markdown);
                for (int k = 0; k < end; k++) {
                    char c = blanked.charAt(k);
                    if (c != '\n' && c != '\r') {
                        blanked.setCharAt(k, ' ');
                    }
                }
                return blanked.toString();
            }
        }
        return markdown;
    }

    private static List<Heading> openAt(List<Heading> headings, long codePoint) {
        List<Heading> open = new ArrayList<>();
        for (Heading heading : headings) {
            if (heading.startCodePoint() > codePoint) {
                break;
            }
            while (!open.isEmpty() && open.get(open.size() - 1).level() >= heading.level()) {
                open.remove(open.size() - 1);
            }
            open.add(heading);
        }
        return open;
    }

    private static boolean isDelimiter(String line, boolean closing) {
        String content = stripTrailingBlanks(line);
        return content.equals("---") || closing && content.equals("...");
    }

    private static SourceSpan firstSpan(org.commonmark.node.Heading heading) {
        List<SourceSpan> spans = heading.getSourceSpans();
        if (spans.isEmpty()) {
            throw new IllegalStateException("heading without source spans: " + heading);
        }
        return spans.get(0);
    }

    private static String text(String source, int[] lineStarts, org.commonmark.node.Heading heading) {
        List<String> lines = new ArrayList<>();
        for (SourceSpan span : heading.getSourceSpans()) {
            lines.add(spanText(source, lineStarts, span));
        }
        String last = lines.get(lines.size() - 1).strip();
        boolean setext = lines.size() >= 2 && !last.isEmpty() && (last.chars().allMatch(c -> c == '=')
                || last.chars().allMatch(c -> c == '-'));
        String text;
        if (setext) {
            List<String> content = new ArrayList<>();
            for (String line : lines.subList(0, lines.size() - 1)) {
                content.add(stripBlanks(line));
            }
            text = String.join(" ", content);
            check(heading, (last.charAt(0) == '=' ? 1 : 2) == heading.getLevel(), "setext underline " + last);
        } else {
            check(heading, lines.size() == 1, "ATX heading on " + lines.size() + " lines");
            text = atxText(heading, lines.get(0));
        }
        return text;
    }

    /** The raw text of a span, from line index, column and length; checked against the input index. */
    private static String spanText(String source, int[] lineStarts, SourceSpan span) {
        int line = span.getLineIndex();
        if (line < 0 || line >= lineStarts.length) {
            throw new IllegalStateException("source span " + span + " names a line the document does not have");
        }
        int from = lineStarts[line] + span.getColumnIndex();
        int to = from + span.getLength();
        int lineEnd = lineEnd(source, lineStarts, line);
        if (from != span.getInputIndex() || to > lineEnd) {
            throw new IllegalStateException("source span " + span + " does not fit line " + line + " [" + lineStarts[line]
                    + ", " + lineEnd + ")");
        }
        return source.substring(from, to);
    }

    private static String atxText(org.commonmark.node.Heading heading, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        int hashes = 0;
        while (i < line.length() && line.charAt(i) == '#') {
            i++;
            hashes++;
        }
        check(heading, hashes == heading.getLevel(), "ATX line '" + line + "'");
        String content = stripTrailingBlanks(line.substring(i));
        int run = content.length();
        while (run > 0 && content.charAt(run - 1) == '#') {
            run--;
        }
        if (run < content.length() && (run == 0 || isBlank(content.charAt(run - 1)))) {
            content = content.substring(0, run);
        }
        return stripBlanks(content);
    }

    private static void check(org.commonmark.node.Heading heading, boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected level-" + heading.getLevel() + " heading " + heading.getSourceSpans()
                    + ": " + what);
        }
    }

    /** Char index of the start of every line; lines end at \n, \r\n or \r. */
    static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (c == '\r' || c == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private static int lineEnd(String text, int[] starts, int line) {
        int end = line + 1 < starts.length ? starts[line + 1] : text.length();
        while (end > starts[line] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    private static String line(String text, int[] starts, int line) {
        return text.substring(starts[line], lineEnd(text, starts, line));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripBlanks(String s) {
        int begin = 0;
        while (begin < s.length() && isBlank(s.charAt(begin))) {
            begin++;
        }
        return stripTrailingBlanks(s.substring(begin));
    }
}
