package dev.chunking.strategy.internal;

import dev.chunking.domain.ChunkMetadata;
import java.util.Arrays;

/**
 * The Markdown structure of a document, read line by line as the chunker scans: the outline
 * of top-level ATX and setext headings (headings inside block quotes and list items are not
 * part of the outline, as in a table of contents), fenced and indented code, HTML blocks,
 * lists, block quotes, GFM tables and YAML front matter, following CommonMark's block rules.
 * It offers cuts before headings (strongest) and between blocks, the heading path and the
 * header row of a continued table as metadata, and a forced cut after front matter (and, for
 * {@code hybrid}, before every heading).
 *
 * <p>Lookahead is bounded: a line is classified from its first {@value #LINE_CAP} bytes, a
 * paragraph longer than {@value #PARAGRAPH_CAP} bytes is no longer a setext heading candidate,
 * and front matter must close within {@value #FRONT_MATTER_CAP} bytes. Lines end at LF (CR LF
 * included); a lone CR does not end a line. Not thread-safe.
 */
final class MarkdownStructure extends Structure {
    static final int LINE_CAP = 4096;
    static final int PARAGRAPH_CAP = 4096;
    static final int FRONT_MATTER_CAP = 64 * 1024;

    private final boolean frontMatterEnabled;

    private byte[] line = new byte[256];
    private int kept; // bytes of the current line kept in `line`
    private long lineStart;
    private long searched; // the unfinished line at lineStart has no LF before this offset
    private boolean classified; // the current line was classified early, at the cap
    private long observed;
    private boolean firstLine = true;

    private boolean boundary = true; // the next block start is a block boundary
    private int fence;
    private int html;
    private final MarkdownContainers containers = new MarkdownContainers();
    private boolean blankBefore = true;
    private boolean headingJustEnded; // only blank lines since the last ATX heading
    private final MarkdownParagraph paragraph = new MarkdownParagraph();
    private Utf8Window window; // holds the open paragraph's bytes: no cut passes an undecided paragraph start
    private boolean table;
    private boolean afterDefinition; // the last line was a link reference definition, which a paragraph may go on from

    private int frontMatter; // 0 none, 1 open, 2 closed
    private long frontMatterStart;

    private final HtmlEnd htmlTail = new HtmlEnd();
    private final MarkdownMarks marks;

    /**
     * Creates a tracker for one document.
     *
     * @param frontMatter whether YAML front matter at the top is recognised
     * @param sections whether every heading is a forced cut (the {@code hybrid} strategy)
     * @param start the window offset of the document's first byte (after a byte order mark, 3)
     */
    MarkdownStructure(boolean frontMatter, boolean sections, long start) {
        this.frontMatterEnabled = frontMatter;
        this.marks = new MarkdownMarks(sections);
        this.lineStart = start;
        this.searched = start;
        this.observed = start;
    }

    @Override
    void observe(Utf8Window w, long from, long to) {
        window = w;
        byte[] buf = w.buf;
        // a short line left unfinished by the last call is read again from its start, which the
        // window still holds (it is not decided), rather than copied piece by piece
        int i = (int) ((kept == 0 ? lineStart : from) - w.base);
        int end = (int) (to - w.base);
        while (i < end) {
            if (kept == 0 && fence != 0 && frontMatter != 1) {
                i = skipFencedCode(w, buf, i, end);
            }
            int nl = MarkdownScan.indexOfNewline(buf, Math.max(i, (int) Math.max(-1, searched - w.base)), end);
            if (nl < 0 && kept == 0 && end - i < LINE_CAP) {
                searched = w.base + end; // the next call searches on from here, not from the line's start
                break;
            }
            if (nl >= 0 && kept == 0 && (nl == i || nl == i + 1 && buf[i] == '\r') && fence == 0 && (html == 0 || html >= 6)) {
                firstLine = false;
                blankLine(); // an empty line outside code: no need to copy or classify it
                lineStart = w.base + nl + 1;
                i = nl + 1;
                continue;
            }
            if (nl >= 0 && kept == 0 && proseLine(w, buf, i, nl)) {
                lineStart = w.base + nl + 1; // most lines of prose: skip copying and classifying them
                i = nl + 1;
                continue;
            }
            int stop = nl < 0 ? end : nl;
            int rest = i + keep(buf, i, stop);
            if (!classified && kept >= LINE_CAP) {
                classified = true; // a very long line: classify it from its start, and stop waiting for its end
                classify(Long.MAX_VALUE);
                htmlTail.reset(line, LINE_CAP);
            }
            if (classified && html >= 1 && html <= 5 && rest < stop) {
                htmlTail.scan(buf, rest, stop, html); // an HTML block's end may lie beyond the part of the line kept
            }
            if (nl < 0) {
                break;
            }
            long next = w.base + nl + 1;
            if (!classified) {
                classify(next);
            } else if (htmlTail.ended() && html >= 1 && html <= 5) {
                html = 0;
                boundary = true;
            }
            kept = 0;
            classified = false;
            lineStart = next;
            i = nl + 1;
        }
        observed = to;
        if (frontMatter == 1 && observed - frontMatterStart > FRONT_MATTER_CAP) {
            frontMatter = 0; // never closed in time: an ordinary thematic break after all
        }
    }

    /** Passes over fenced code up to the first line that may close the fence (see {@link MarkdownScan#skipFence}). */
    private int skipFencedCode(Utf8Window w, byte[] buf, int from, int end) {
        int seen = Math.max(from, (int) Math.max(-1, searched - w.base)); // [from, seen) was searched by the last call
        int to = MarkdownScan.skipFence(buf, from, seen, end, (byte) (fence >>> 16));
        lineStart = w.base + to;
        return to;
    }

    /**
     * The fast path for the commonest lines, read in place: whether the whole line
     * {@code [from, to)} (without its LF) is indented code or plain text (see
     * {@link MarkdownScan#prose}) while no container, table candidate, code, HTML or
     * front matter is open. Plain text then continues the open top-level paragraph or opens
     * one, as the full rules would decide; false leaves the line to them.
     */
    private boolean proseLine(Utf8Window w, byte[] buf, int from, int to) {
        if (paragraph.headerRow() != null || table || fence != 0 || html != 0 || frontMatter == 1 || containers.open() || firstLine
                || afterDefinition || to - from >= LINE_CAP) {
            return false;
        }
        int kind = MarkdownScan.prose(buf, from, to, paragraph.isOpen());
        if (kind == MarkdownScan.NO_PROSE) {
            return false;
        }
        blankBefore = false;
        headingJustEnded = false;
        if (paragraph.isOpen()) { // only plain text: indented code cannot interrupt a paragraph
            paragraph.addLine(to + 1 - from);
            return true;
        }
        if (boundary) { // indented code and plain text start no block but themselves
            marks.block(lineStart);
            boundary = false;
        }
        if (kind == MarkdownScan.PLAIN_TEXT) {
            paragraph.open(lineStart, buf, from, buf[to - 1] == '\r' ? to - 1 : to, w.base + to + 1);
        }
        return true;
    }

    /** Keeps the start of the line, up to {@link #LINE_CAP} bytes; returns how many of these bytes it kept. */
    private int keep(byte[] buf, int from, int to) {
        int n = Math.min(to - from, LINE_CAP - kept);
        if (n <= 0) {
            return 0;
        }
        if (kept + n > line.length) {
            line = Arrays.copyOf(line, Math.min(LINE_CAP, Math.max(kept + n, line.length * 2)));
        }
        System.arraycopy(buf, from, line, kept, n);
        kept += n;
        return n;
    }

    @Override
    void endOfInput(Utf8Window w) {
        if (!classified && observed > lineStart) {
            if (kept == 0) { // the last line, without a line ending, was left for a later call
                keep(w.buf, (int) (lineStart - w.base), (int) (observed - w.base));
            }
            classify(observed);
        }
        paragraph.close();
        endTable(observed);
        frontMatter = frontMatter == 1 ? 0 : frontMatter;
        lineStart = observed;
        observed = ALL;
    }

    @Override
    long decidedUpTo() {
        if (observed == ALL) {
            return ALL;
        }
        if (frontMatter == 1) {
            return frontMatterStart;
        }
        long decided = classified ? observed : lineStart;
        if (paragraph.mayBecomeHeading()) {
            decided = Math.min(decided, paragraph.start()); // an underline may still make it a setext heading
        }
        return decided;
    }

    /** Classifies the line that started at {@code lineStart}; {@code next} is where the next line starts. */
    private void classify(long next) {
        int n = kept;
        if (n > 0 && line[n - 1] == '\r' && next != Long.MAX_VALUE) {
            n--;
        }
        byte[] b = line;
        if (firstLine) {
            firstLine = false;
            if (frontMatterEnabled && MarkdownLines.trimmed(b, 0, n).equals("---") && MarkdownLines.indent(b, n) == 0) {
                frontMatter = 1;
                frontMatterStart = lineStart;
            }
        } else if (frontMatter == 1 && MarkdownLines.indent(b, n) == 0
                && (MarkdownLines.trimmed(b, 0, n).equals("---") || MarkdownLines.trimmed(b, 0, n).equals("..."))) {
            closeFrontMatter(next);
            return;
        }
        int first = MarkdownLines.skipBlanks(b, 0, n);
        boolean blank = first == n;
        if (fence != 0) {
            if (!blank && b[first] == (byte) (fence >>> 16) && MarkdownLines.closesFence(b, n, fence)) {
                fence = 0;
                boundary = true;
            }
            return;
        }
        if (html != 0 && !(html >= 6 && blank)) {
            if (html <= 5 && MarkdownLines.endsHtml(b, n, html)) {
                html = 0;
                boundary = true;
            }
            return;
        }
        if (blank) {
            blankLine();
            return;
        }
        html = 0;
        headingJustEnded = false;
        boolean wasBlank = blankBefore;
        blankBefore = false;
        if (MarkdownLines.isPlainText(b, n) && plainLine(b, n, next, wasBlank)) {
            return;
        }
        if (inContainer(b, n, wasBlank)) {
            return;
        }
        topLevel(b, n, next);
    }

    /** A blank line outside fenced code and HTML blocks of types 1 to 5. */
    private void blankLine() {
        afterDefinition = false;
        html = 0; // a blank line ends an HTML block of type 6 or 7
        paragraph.close();
        endTable(lineStart);
        containers.blank();
        blankBefore = true;
        boundary |= !headingJustEnded;
    }

    /** The fast path for a plain-text line; false when the line needs the full rules after all. */
    private boolean plainLine(byte[] b, int n, long next, boolean wasBlank) {
        if (containers.open() || table || !paragraph.isOpen() || (paragraph.lines() == 1 && paragraph.headerRow() != null)) {
            return false;
        }
        paragraph.addLine(lineStart, next);
        return true;
    }

    /** Handles lines that belong to an open list item or block quote; false when the line is top-level. */
    private boolean inContainer(byte[] b, int n, boolean wasBlank) {
        if (!containers.open()) {
            return false;
        }
        int place = containers.line(b, n, wasBlank);
        if (place == MarkdownContainers.NEW_ITEM) {
            marks.block(lineStart);
        } else if (place == MarkdownContainers.TOP) {
            boundary = true;
        }
        return place != MarkdownContainers.TOP;
    }

    private void topLevel(byte[] b, int n, long next) {
        boolean definitionBefore = afterDefinition;
        afterDefinition = false;
        boolean inParagraph = paragraph.isOpen();
        if (!inParagraph && !table && !definitionBefore && MarkdownLines.indent(b, n) >= 4) {
            if (boundary) { // indented code: no block starts at four columns or more, so skip every other test
                marks.block(lineStart);
                boundary = false;
            }
            return;
        }
        if (!inParagraph && !table && MarkdownLines.isPlainText(b, n) && b[MarkdownLines.skipBlanks(b, 0, n)] != '[') {
            if (boundary) { // plain text starts no block but a paragraph: skip every other test
                marks.block(lineStart);
                boundary = false;
            }
            paragraph.open(lineStart, b, 0, n, next);
            return;
        }
        if (paragraph.mayBecomeHeading() && MarkdownLines.setextLevel(b, n) > 0 && !table) {
            long at = paragraph.start();
            String text = paragraph.setextText(window, lineStart);
            paragraph.close();
            marks.heading(at, MarkdownLines.setextLevel(b, n), text);
            boundary = false; // a heading is not cut off from its first block by preference
            return;
        }
        String header = inParagraph && MarkdownLines.isTableDelimiter(b, n) ? paragraph.headerAbove(window, lineStart) : null;
        if (header != null && MarkdownScan.cells(header) <= MarkdownScan.cells(MarkdownLines.trimmed(b, 0, n))) {
            paragraph.close(); // the lines above the header row, if any, stay a paragraph
            table = true;
            marks.tableStarts(next, header + "\n" + MarkdownLines.trimmed(b, 0, n));
            return;
        }
        int atx = MarkdownLines.atxLevel(b, n);
        boolean startsBlock = atx > 0 || MarkdownLines.fenceOpen(b, n) != 0 || MarkdownLines.isThematicBreak(b, n)
                || MarkdownLines.htmlStart(b, n, inParagraph || table || definitionBefore) != 0 || MarkdownLines.isBlockQuote(b, n)
                || MarkdownLines.listItemIndent(b, n, inParagraph || definitionBefore) > 0; // as commonmark-java: any list interrupts a table
        if (table) {
            if (!startsBlock && MarkdownLines.indent(b, n) < 4) {
                return; // a row; as in commonmark-java, a block start, indented code too, ends the table
            }
            endTable(lineStart);
        }
        if (!startsBlock && inParagraph) {
            paragraph.addLine(lineStart, next);
            return;
        }
        paragraph.close();
        if (atx > 0) {
            marks.heading(lineStart, atx, MarkdownLines.atxText(b, n));
            boundary = false;
            headingJustEnded = true;
            return;
        }
        if (startsBlock || boundary) {
            marks.block(lineStart);
        }
        boundary = false;
        int f = MarkdownLines.fenceOpen(b, n);
        if (f != 0) {
            fence = f;
        } else if (MarkdownLines.isThematicBreak(b, n)) {
            boundary = true;
        } else if (MarkdownLines.htmlStart(b, n, definitionBefore) != 0) {
            html = MarkdownLines.htmlStart(b, n, definitionBefore);
            if (html <= 5 && MarkdownLines.endsHtml(b, n, html)) {
                html = 0;
                boundary = true;
            }
        } else if (MarkdownLines.isBlockQuote(b, n)) {
            containers.openQuote(b, n);
        } else if (MarkdownLines.listItemIndent(b, n, definitionBefore) > 0) {
            containers.openItem(b, n, MarkdownLines.listItemIndent(b, n, definitionBefore));
        } else if (MarkdownLines.isLinkReferenceDefinition(b, n)) {
            boundary = true; // a definition, not a paragraph: a line of = or - after it is no underline
            afterDefinition = true; // an indented line after it goes on with the paragraph the definition began
        } else if (MarkdownLines.indent(b, n) < 4 || definitionBefore) {
            paragraph.open(lineStart, b, 0, n, next);
        }
    }

    private void endTable(long at) {
        if (table) {
            table = false;
            marks.tableEnds(at);
            boundary = true;
        }
    }

    private void closeFrontMatter(long next) {
        frontMatter = 2;
        fence = 0;
        html = 0;
        containers.clear();
        paragraph.close();
        table = false;
        marks.frontMatterEnds(next);
        blankBefore = true;
        boundary = true;
    }

    /** What the reader has found so far. */
    MarkdownMarks marks() {
        return marks;
    }

    /** Whether {@code at} is the end of the whole input (known once the input ended). */
    boolean isEnd(long at) {
        return observed == ALL && at == lineStart;
    }

    @Override
    long forcedCut(long after, long upTo) {
        return marks.forcedCut(after, upTo);
    }

    @Override
    boolean mergeable(long start, long cut) {
        return marks.mergeable(start, cut);
    }

    @Override
    long latest(long after, long upTo) {
        return marks.latest(after, upTo);
    }

    @Override
    ChunkMetadata metadata(Utf8Window w, long start, long end) {
        return marks.metadata(start);
    }

    @Override
    void dropBefore(long offset) {
        marks.dropBefore(offset);
    }

    /**
     * {@inheritDoc}
     *
     * <p>An unfinished line that is not classified yet is kept in no copy (it is read again from
     * {@code lineStart}, where the window holds it because nothing after an undecided start is
     * cut), so only a line classified early at the cap has kept bytes, which are no longer read:
     * its length is written, not its bytes. Where the last search for its end stopped is written
     * no earlier than the line start, so it is never before the window of the resumed chunker.
     */
    @Override
    void save(StateWriter out) {
        out.number(kept).flag(classified).bytes(line, 0, classified ? 0 : kept);
        out.offset(lineStart).offset(Math.max(searched, lineStart)).offset(observed).offset(frontMatterStart);
        out.number(fence).number(html).number(frontMatter);
        out.flag(firstLine).flag(boundary).flag(blankBefore).flag(headingJustEnded).flag(table).flag(afterDefinition);
        paragraph.save(out);
        containers.save(out);
        htmlTail.save(out);
        marks.save(out);
    }

    @Override
    void restore(StateReader in, Utf8Window w) {
        window = w;
        kept = in.integer();
        classified = in.flag();
        byte[] unread = in.bytes();
        line = Arrays.copyOf(unread, Math.max(line.length, unread.length));
        lineStart = in.offset();
        searched = in.offset();
        observed = in.offset();
        frontMatterStart = in.offset();
        fence = in.integer();
        html = in.integer();
        frontMatter = in.integer();
        firstLine = in.flag();
        boundary = in.flag();
        blankBefore = in.flag();
        headingJustEnded = in.flag();
        table = in.flag();
        afterDefinition = in.flag();
        paragraph.restore(in);
        containers.restore(in);
        htmlTail.restore(in);
        marks.restore(in);
    }
}
