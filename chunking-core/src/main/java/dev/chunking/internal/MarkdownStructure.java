package dev.chunking.internal;

import dev.chunking.domain.ChunkMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final boolean sections;

    private byte[] line = new byte[256];
    private int kept; // bytes of the current line kept in `line`
    private long lineStart;
    private boolean classified; // the current line was classified early, at the cap
    private long observed;
    private boolean firstLine = true;

    private boolean boundary = true; // the next block start is a block boundary
    private int fence;
    private int html;
    private int listIndent;
    private boolean quote;
    private boolean containerParagraph;
    private boolean blankBefore = true;
    private boolean headingJustEnded; // only blank lines since the last ATX heading
    private boolean paragraph;
    private long paragraphStart;
    private int paragraphLines;
    private long paragraphBytes;
    private final StringBuilder paragraphText = new StringBuilder();
    private String headerRow;
    private boolean table;

    private int frontMatter; // 0 none, 1 open, 2 closed
    private long frontMatterStart;
    private long frontMatterEnd = -1;

    private final List<int[]> levels = new ArrayList<>(); // the open headings' levels, outermost first
    private final List<String> path = new ArrayList<>();
    private final ArrayDeque<Outline> outline = new ArrayDeque<>();
    private final ArrayDeque<TableSpan> tables = new ArrayDeque<>();
    private final Positions headings = new Positions();
    private final Positions blocks = new Positions();
    private final Positions cuts = new Positions();

    private record Outline(long at, List<String> path, int level) {
    }

    private record TableSpan(long bodyStart, long[] end, String header) {
    }

    /**
     * Creates a tracker for one document.
     *
     * @param frontMatter whether YAML front matter at the top is recognised
     * @param sections whether every heading is a forced cut (the {@code hybrid} strategy)
     */
    MarkdownStructure(boolean frontMatter, boolean sections) {
        this.frontMatterEnabled = frontMatter;
        this.sections = sections;
        outline.add(new Outline(Long.MIN_VALUE, List.of(), 0));
    }

    @Override
    void observe(Utf8Window w, long from, long to) {
        byte[] buf = w.buf;
        int i = (int) (from - w.base);
        int end = (int) (to - w.base);
        while (i < end) {
            int nl = indexOfNewline(buf, i, end);
            int stop = nl < 0 ? end : nl;
            keep(buf, i, stop);
            if (nl < 0) {
                break;
            }
            long next = w.base + nl + 1;
            if (!classified) {
                classify(next);
            }
            kept = 0;
            classified = false;
            lineStart = next;
            i = nl + 1;
        }
        observed = to;
        if (!classified && observed - lineStart >= LINE_CAP) {
            classified = true; // a very long line: classify it from its start, and stop waiting for its end
            classify(Long.MAX_VALUE);
        }
        if (frontMatter == 1 && observed - frontMatterStart > FRONT_MATTER_CAP) {
            frontMatter = 0; // never closed in time: an ordinary thematic break after all
        }
    }

    private static int indexOfNewline(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void keep(byte[] buf, int from, int to) {
        int n = Math.min(to - from, LINE_CAP - kept);
        if (n <= 0) {
            return;
        }
        if (kept + n > line.length) {
            line = Arrays.copyOf(line, Math.min(LINE_CAP, Math.max(kept + n, line.length * 2)));
        }
        System.arraycopy(buf, from, line, kept, n);
        kept += n;
    }

    @Override
    void endOfInput(Utf8Window w) {
        if (!classified && observed > lineStart) {
            classify(observed);
        }
        closeParagraph();
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
        if (paragraph && paragraphBytes < PARAGRAPH_CAP) {
            decided = Math.min(decided, paragraphStart); // an underline may still make it a setext heading
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
        boolean blank = MarkdownLines.isBlank(b, n);
        if (fence != 0) {
            if (MarkdownLines.closesFence(b, n, fence)) {
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
        html = 0; // a blank line ends an HTML block of type 6 or 7
        if (blank) {
            closeParagraph();
            endTable(lineStart);
            quote = false;
            containerParagraph = false;
            blankBefore = true;
            boundary |= !headingJustEnded;
            return;
        }
        headingJustEnded = false;
        boolean wasBlank = blankBefore;
        blankBefore = false;
        if (inContainer(b, n, wasBlank)) {
            return;
        }
        topLevel(b, n, next);
    }

    /** Handles lines that belong to an open list item or block quote; false when the line is top-level. */
    private boolean inContainer(byte[] b, int n, boolean wasBlank) {
        if (listIndent > 0) {
            if (MarkdownLines.indent(b, n) >= listIndent) {
                containerParagraph = !wasBlank || containerParagraph;
                return true;
            }
            int item = MarkdownLines.isThematicBreak(b, n) ? 0 : MarkdownLines.listItemIndent(b, n, false);
            if (item > 0) {
                listIndent = item;
                blocks.add(lineStart);
                containerParagraph = true;
                return true;
            }
            if (!wasBlank && containerParagraph && isLazyContinuation(b, n)) {
                return true;
            }
            listIndent = 0;
            containerParagraph = false;
            boundary = true;
        }
        if (quote) {
            if (MarkdownLines.isBlockQuote(b, n)) {
                containerParagraph = true;
                return true;
            }
            if (!wasBlank && containerParagraph && isLazyContinuation(b, n)) {
                return true;
            }
            quote = false;
            containerParagraph = false;
            boundary = true;
        }
        return false;
    }

    private static boolean isLazyContinuation(byte[] b, int n) {
        return MarkdownLines.atxLevel(b, n) == 0 && MarkdownLines.fenceOpen(b, n) == 0 && !MarkdownLines.isThematicBreak(b, n)
                && !MarkdownLines.isBlockQuote(b, n) && MarkdownLines.listItemIndent(b, n, true) == 0
                && MarkdownLines.htmlStart(b, n, true) == 0;
    }

    private void topLevel(byte[] b, int n, long next) {
        if (paragraph && paragraphBytes < PARAGRAPH_CAP && MarkdownLines.setextLevel(b, n) > 0 && !table) {
            long at = paragraphStart;
            String text = paragraphText.toString();
            paragraph = false;
            heading(at, MarkdownLines.setextLevel(b, n), text);
            boundary = false; // a heading is not cut off from its first block by preference
            return;
        }
        if (paragraph && paragraphLines == 1 && headerRow != null && MarkdownLines.isTableDelimiter(b, n)) {
            paragraph = false;
            table = true;
            tables.add(new TableSpan(next, new long[] {Long.MAX_VALUE}, headerRow + "\n" + MarkdownLines.trimmed(b, 0, n)));
            return;
        }
        int atx = MarkdownLines.atxLevel(b, n);
        boolean startsBlock = atx > 0 || MarkdownLines.fenceOpen(b, n) != 0 || MarkdownLines.isThematicBreak(b, n)
                || MarkdownLines.htmlStart(b, n, paragraph || table) != 0 || MarkdownLines.isBlockQuote(b, n)
                || MarkdownLines.listItemIndent(b, n, paragraph || table) > 0;
        if (table) {
            if (!startsBlock) {
                return; // a row
            }
            endTable(lineStart);
        }
        if (!startsBlock && paragraph) {
            paragraphLines++;
            paragraphBytes += next == Long.MAX_VALUE ? LINE_CAP : next - lineStart;
            if (paragraphBytes < PARAGRAPH_CAP) {
                paragraphText.append(' ').append(MarkdownLines.trimmed(b, 0, n));
            }
            return;
        }
        closeParagraph();
        if (atx > 0) {
            heading(lineStart, atx, MarkdownLines.atxText(b, n));
            boundary = false;
            headingJustEnded = true;
            return;
        }
        if (startsBlock || boundary) {
            blocks.add(lineStart);
        }
        boundary = false;
        int f = MarkdownLines.fenceOpen(b, n);
        if (f != 0) {
            fence = f;
        } else if (MarkdownLines.isThematicBreak(b, n)) {
            boundary = true;
        } else if (MarkdownLines.htmlStart(b, n, false) != 0) {
            html = MarkdownLines.htmlStart(b, n, false);
            if (html <= 5 && MarkdownLines.endsHtml(b, n, html)) {
                html = 0;
                boundary = true;
            }
        } else if (MarkdownLines.isBlockQuote(b, n)) {
            quote = true;
            containerParagraph = true;
        } else if (MarkdownLines.listItemIndent(b, n, false) > 0) {
            listIndent = MarkdownLines.listItemIndent(b, n, false);
            containerParagraph = true;
        } else if (MarkdownLines.indent(b, n) < 4) {
            paragraph = true;
            paragraphStart = lineStart;
            paragraphLines = 1;
            paragraphBytes = next == Long.MAX_VALUE ? LINE_CAP : next - lineStart;
            paragraphText.setLength(0);
            paragraphText.append(MarkdownLines.trimmed(b, 0, n));
            headerRow = MarkdownLines.hasPipe(b, n) ? MarkdownLines.trimmed(b, 0, n) : null;
        }
    }

    private void closeParagraph() {
        paragraph = false;
        headerRow = null;
    }

    private void endTable(long at) {
        if (table) {
            table = false;
            tables.getLast().end()[0] = at;
            boundary = true;
        }
    }

    private void heading(long at, int level, String text) {
        while (!levels.isEmpty() && levels.get(levels.size() - 1)[0] >= level) {
            levels.remove(levels.size() - 1);
            path.remove(path.size() - 1);
        }
        levels.add(new int[] {level});
        path.add(text);
        outline.add(new Outline(at, List.copyOf(path), level));
        headings.add(at);
        if (sections) {
            cuts.add(at);
        }
    }

    private void closeFrontMatter(long next) {
        frontMatter = 2;
        frontMatterEnd = next;
        fence = 0;
        html = 0;
        listIndent = 0;
        quote = false;
        containerParagraph = false;
        closeParagraph();
        table = false;
        tables.clear();
        levels.clear();
        path.clear();
        outline.clear();
        outline.add(new Outline(Long.MIN_VALUE, List.of(), 0));
        headings.clear();
        blocks.clear();
        cuts.clear();
        cuts.add(next);
        blankBefore = true;
        boundary = true;
    }

    /** Where front matter ends, or -1 when the document has none (known once decided). */
    long frontMatterEnd() {
        return frontMatterEnd;
    }

    @Override
    long forcedCut(long after, long upTo) {
        return cuts.firstIn(after, upTo);
    }

    @Override
    boolean mergeable(long start, long cut) {
        if (cut == frontMatterEnd || start < frontMatterEnd) {
            return false;
        }
        List<String> before = outlineAt(start).path();
        List<String> after = outlineAt(cut).path();
        if (startsWith(after, before)) {
            return true; // the next section lies inside the chunk's own heading
        }
        List<String> parent = before.isEmpty() ? before : before.subList(0, before.size() - 1);
        return !parent.isEmpty() && startsWith(after, parent); // a sibling under the same parent heading
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** The latest heading start in {@code (after, upTo]}, or -1. */
    long latestHeading(long after, long upTo) {
        return headings.latestIn(after, upTo);
    }

    /** The latest block start in {@code (after, upTo]}, or -1. */
    long latestBlock(long after, long upTo) {
        return blocks.latestIn(after, upTo);
    }

    /** Whether a section starts at {@code at}: a heading, the end of front matter, or the document start. */
    boolean isSectionStart(long at) {
        return at == 0 || at == frontMatterEnd || headings.contains(at);
    }

    /** Whether {@code at} is the end of the whole input (known once the input ended). */
    boolean isEnd(long at) {
        return observed == ALL && at == lineStart;
    }

    @Override
    long latest(long after, long upTo) {
        long h = headings.latestIn(after, upTo);
        return h >= 0 ? h : blocks.latestIn(after, upTo);
    }

    private Outline outlineAt(long at) {
        Outline found = outline.getFirst();
        for (Outline o : outline) {
            if (o.at() > at) {
                break;
            }
            found = o;
        }
        return found;
    }

    @Override
    ChunkMetadata metadata(Utf8Window w, long start, long end) {
        Map<String, String> attributes = Map.of();
        if (start < frontMatterEnd) {
            attributes = Map.of("block", "front-matter");
        } else {
            for (TableSpan t : tables) {
                if (t.bodyStart() <= start && start < t.end()[0]) {
                    attributes = Map.of("tableHeader", t.header());
                    break;
                }
            }
        }
        Outline o = start < frontMatterEnd ? outline.getFirst() : outlineAt(start);
        return new ChunkMetadata(o.path(), o.level(), Optional.empty(), Optional.empty(), attributes);
    }

    @Override
    void dropBefore(long offset) {
        while (outline.size() > 1) {
            java.util.Iterator<Outline> it = outline.iterator();
            it.next();
            if (it.next().at() > offset) {
                break;
            }
            outline.removeFirst(); // keep the last heading at or before the offset: it is still in force there
        }
        while (!tables.isEmpty() && tables.getFirst().end()[0] <= offset) {
            tables.removeFirst();
        }
        headings.dropBefore(offset);
        blocks.dropBefore(offset);
        cuts.dropBefore(offset);
    }
}
