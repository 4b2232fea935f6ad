package dev.chunking.strategy.internal;

import java.util.Arrays;

/**
 * The open list item or block quote of a Markdown document, for the top-level outline: which
 * lines belong to it (indented to its content column, or starting with {@code >}, or lazily
 * continuing a paragraph inside it), and whether its innermost open block is a paragraph (only
 * a paragraph takes lazy continuation lines) or a fenced code block. Headings inside it are not
 * part of the outline. Not thread-safe.
 */
final class MarkdownContainers {
    /** The line is not in a container: read it at the top level. */
    static final int TOP = 0;
    /** The line belongs to the open container. */
    static final int INSIDE = 1;
    /** The line starts a new item of the open list: a block boundary. */
    static final int NEW_ITEM = 2;

    private int listIndent; // the open list item's content column, or 0
    private boolean quote;
    private boolean paragraph; // the innermost open block is a paragraph
    private int fence; // an open code fence inside the container, or 0
    private byte[] content = new byte[256];

    /** Whether a list item or block quote is open. */
    boolean open() {
        return listIndent > 0 || quote;
    }

    /** A list item starts on this line, whose content starts at column {@code indent}. */
    void openItem(byte[] b, int n, int indent) {
        listIndent = indent;
        quote = false;
        fence = 0;
        readContent(b, n, columnIndex(b, n, indent));
    }

    /** A block quote starts on this line. */
    void openQuote(byte[] b, int n) {
        quote = true;
        listIndent = 0;
        fence = 0;
        readContent(b, n, quoteContent(b, n));
    }

    /** A blank line: it ends a paragraph, and a block quote. */
    void blank() {
        paragraph = false;
        if (quote) {
            quote = false;
            fence = 0;
        }
    }

    /** Closes every container, as after front matter. */
    void clear() {
        listIndent = 0;
        quote = false;
        paragraph = false;
        fence = 0;
    }

    /**
     * Places a non-blank line: {@link #INSIDE} or {@link #NEW_ITEM} when it belongs to the open
     * container, {@link #TOP} when the container ends before it (or none is open).
     */
    int line(byte[] b, int n, boolean wasBlank) {
        if (listIndent > 0) {
            if (MarkdownLines.indent(b, n) >= listIndent) {
                readContent(b, n, columnIndex(b, n, listIndent));
                return INSIDE;
            }
            int item = MarkdownLines.isThematicBreak(b, n) ? 0 : MarkdownLines.listItemIndent(b, n, false);
            if (item > 0) {
                openItem(b, n, item);
                return NEW_ITEM;
            }
            if (!wasBlank && paragraph && fence == 0 && isLazyContinuation(b, n)) {
                return INSIDE;
            }
            clear();
            return TOP;
        }
        if (quote) {
            if (MarkdownLines.isBlockQuote(b, n)) {
                readContent(b, n, quoteContent(b, n));
                return INSIDE;
            }
            if (!wasBlank && paragraph && fence == 0 && isLazyContinuation(b, n)) {
                return INSIDE;
            }
            clear();
        }
        return TOP;
    }

    /** Reads the container's own content of a line, from byte {@code from}: a fence, a paragraph, or another block. */
    private void readContent(byte[] b, int n, int from) {
        int length = n - from;
        if (content.length < length) {
            content = Arrays.copyOf(content, Math.max(length, content.length * 2));
        }
        System.arraycopy(b, from, content, 0, length);
        if (fence != 0) {
            if (MarkdownLines.closesFence(content, length, fence)) {
                fence = 0;
            }
            paragraph = false;
            return;
        }
        if (MarkdownLines.isBlank(content, length)) {
            paragraph = false;
            return;
        }
        int f = MarkdownLines.fenceOpen(content, length);
        if (f != 0) {
            fence = f;
            paragraph = false;
            return;
        }
        boolean block = MarkdownLines.atxLevel(content, length) > 0 || MarkdownLines.isThematicBreak(content, length)
                || MarkdownLines.htmlStart(content, length, paragraph) != 0 || MarkdownLines.isBlockQuote(content, length)
                || MarkdownLines.listItemIndent(content, length, paragraph) > 0
                || (!paragraph && MarkdownLines.indent(content, length) >= 4);
        boolean underline = paragraph && MarkdownLines.setextLevel(content, length) > 0; // the paragraph became a heading
        paragraph = !block && !underline; // a line that starts no block continues or opens a paragraph
        if (MarkdownLines.isBlockQuote(content, length) || MarkdownLines.listItemIndent(content, length, false) > 0) {
            paragraph = !MarkdownLines.isBlank(content, length) && MarkdownLines.atxLevel(content, length) == 0;
        }
    }

    /** The byte index at which the columns before {@code column} end (tabs to multiples of four). */
    private static int columnIndex(byte[] b, int n, int column) {
        int col = 0;
        int i = 0;
        while (i < n && col < column && (b[i] == ' ' || b[i] == '\t')) {
            col += b[i] == '\t' ? 4 - (col & 3) : 1;
            i++;
        }
        if (i < n && col < column) {
            i = Math.min(n, i + column - col); // the marker itself
        }
        return i;
    }

    /** The byte index after a {@code >} marker and one optional space. */
    private static int quoteContent(byte[] b, int n) {
        int i = MarkdownLines.skipBlanks(b, 0, n) + 1;
        return i < n && (b[i] == ' ' || b[i] == '\t') ? i + 1 : Math.min(i, n);
    }

    /** Writes the open container for a resume point; {@code content} is only a scratch copy of the current line. */
    void save(StateWriter out) {
        out.number(listIndent).flag(quote).flag(paragraph).number(fence);
    }

    /** Takes over what {@link #save} wrote. */
    void restore(StateReader in) {
        listIndent = in.integer();
        quote = in.flag();
        paragraph = in.flag();
        fence = in.integer();
    }

    /** Whether a line that is not indented into the container may still continue its paragraph. */
    static boolean isLazyContinuation(byte[] b, int n) {
        return MarkdownLines.atxLevel(b, n) == 0 && MarkdownLines.fenceOpen(b, n) == 0 && !MarkdownLines.isThematicBreak(b, n)
                && !MarkdownLines.isBlockQuote(b, n) && MarkdownLines.listItemIndent(b, n, false) == 0 // as commonmark-java: any list marker
                && MarkdownLines.htmlStart(b, n, true) == 0;
    }
}
