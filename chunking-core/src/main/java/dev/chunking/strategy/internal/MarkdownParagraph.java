package dev.chunking.strategy.internal;

/**
 * The open top-level paragraph of {@link MarkdownStructure}: where it starts, how many lines
 * and bytes it has, and its first line when that may be a table's header row. While it is
 * shorter than {@link MarkdownStructure#PARAGRAPH_CAP} an underline may still make it a setext
 * heading, so the structure decides nothing from its start on and the chunker's window still
 * holds its bytes, which are read back from there rather than copied. Not thread-safe.
 */
final class MarkdownParagraph {
    private boolean open;
    private long start;
    private int lines;
    private long bytes;
    private String headerRow; // the first line, trimmed, when it has a pipe and the paragraph has one line

    /** Whether a paragraph is open. */
    boolean isOpen() {
        return open;
    }

    /** Whether a paragraph is open and short enough for an underline to make it a setext heading. */
    boolean mayBecomeHeading() {
        return open && bytes < MarkdownStructure.PARAGRAPH_CAP;
    }

    /** Where the open paragraph starts. */
    long start() {
        return start;
    }

    /** The number of lines of the open paragraph. */
    int lines() {
        return lines;
    }

    /** The first line, trimmed, when it has a pipe and may head a table; else null. */
    String headerRow() {
        return headerRow;
    }

    /**
     * A paragraph opens with the line {@code b[from, to)} (no line ending).
     *
     * @param lineStart the window offset of the line
     * @param next where the next line starts, or {@link Long#MAX_VALUE} for a line cut at the cap
     */
    void open(long lineStart, byte[] b, int from, int to, long next) {
        open = true;
        start = lineStart;
        lines = 1;
        bytes = next == Long.MAX_VALUE ? MarkdownStructure.LINE_CAP : next - lineStart;
        headerRow = MarkdownLines.hasPipe(b, from, to) ? MarkdownLines.trimmed(b, from, to) : null;
    }

    /** The open paragraph goes on with a line of {@code length} bytes (its line ending included). */
    void addLine(long length) {
        lines++;
        bytes += length;
    }

    /** The open paragraph goes on with the line from {@code lineStart}; {@code next} as for {@link #open}. */
    void addLine(long lineStart, long next) {
        addLine(next == Long.MAX_VALUE ? MarkdownStructure.LINE_CAP : next - lineStart);
    }

    /** The paragraph ends (or became a heading or a table). */
    void close() {
        open = false;
        headerRow = null;
    }

    /** The text of the setext heading the open paragraph becomes, its lines ending before {@code lineStart}. */
    String setextText(Utf8Window window, long lineStart) {
        return MarkdownScan.setextText(window.buf, (int) (start - window.base), (int) (lineStart - window.base));
    }

    /**
     * The open paragraph's last line, trimmed, when it has a pipe and may head a table (GFM lets a table
     * interrupt a paragraph); else null. Read back from the window, which holds a paragraph that may become a heading.
     *
     * @param lineStart where the line after the paragraph's last line starts
     */
    String headerAbove(Utf8Window window, long lineStart) {
        if (lines == 1) {
            return headerRow;
        }
        if (bytes >= MarkdownStructure.PARAGRAPH_CAP) {
            return null; // the window need not hold it any more
        }
        byte[] buf = window.buf;
        int end = (int) (lineStart - window.base) - 1; // the LF that ends the line above
        int first = MarkdownScan.lastLineStart(buf, (int) (start - window.base), end);
        int stop = end > first && buf[end - 1] == '\r' ? end - 1 : end;
        return MarkdownLines.hasPipe(buf, first, stop) ? MarkdownLines.trimmed(buf, first, stop) : null;
    }

    /** Writes the paragraph for a resume point; its start lies in the window whenever it may still be read. */
    void save(StateWriter out) {
        out.flag(open).offset(start).number(lines).number(bytes).text(headerRow);
    }

    /** Takes over what {@link #save} wrote. */
    void restore(StateReader in) {
        open = in.flag();
        start = in.offset();
        lines = in.integer();
        bytes = in.number();
        headerRow = in.text();
    }
}
