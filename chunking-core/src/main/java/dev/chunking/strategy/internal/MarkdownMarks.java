package dev.chunking.strategy.internal;

import dev.chunking.domain.ChunkMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link MarkdownStructure}'s line reader has found so far, and the answers the chunker
 * asks of it: where headings, blocks and forced cuts start, where front matter ends, and the
 * outline and table header in force at an offset. Offsets are window offsets. Not thread-safe.
 */
final class MarkdownMarks {
    private final boolean sections;
    private final MarkdownOutline outline = new MarkdownOutline();
    private final Positions headings = new Positions();
    private final Positions blocks = new Positions();
    private final Positions cuts = new Positions();
    private long frontMatterEnd = -1;

    /**
     * Creates empty marks.
     *
     * @param sections whether every heading is a forced cut (the {@code hybrid} strategy)
     */
    MarkdownMarks(boolean sections) {
        this.sections = sections;
    }

    /** A block starts at {@code at}. */
    void block(long at) {
        blocks.add(at);
    }

    /** A top-level heading of a level (1 to 6) and text starts at {@code at}. */
    void heading(long at, int level, String text) {
        outline.heading(at, level, text);
        headings.add(at);
        if (sections) {
            cuts.add(at);
        }
    }

    /** A table's body starts at an offset, after its header and delimiter rows. */
    void tableStarts(long bodyStart, String header) {
        outline.tableStarts(bodyStart, header);
    }

    /** The open table ends at an offset. */
    void tableEnds(long at) {
        outline.tableEnds(at);
    }

    /** Front matter ends at {@code end}: everything found before belonged to it, and the body starts with a forced cut. */
    void frontMatterEnds(long end) {
        frontMatterEnd = end;
        outline.clear();
        headings.clear();
        blocks.clear();
        cuts.clear();
        cuts.add(end);
    }

    /** The first forced cut in {@code (after, upTo]}, or -1. */
    long forcedCut(long after, long upTo) {
        return cuts.firstIn(after, upTo);
    }

    /** Whether a chunk from {@code start} may run on over the section starting at {@code cut}: never across front matter. */
    boolean mergeable(long start, long cut) {
        if (cut == frontMatterEnd || start < frontMatterEnd) {
            return false;
        }
        return outline.sameHeading(start, cut);
    }

    /** The latest heading start in {@code (after, upTo]}, or -1. */
    long latestHeading(long after, long upTo) {
        return headings.latestIn(after, upTo);
    }

    /** The latest block start in {@code (after, upTo]}, or -1. */
    long latestBlock(long after, long upTo) {
        return blocks.latestIn(after, upTo);
    }

    /** The latest heading start in {@code (after, upTo]}, else the latest block start, or -1. */
    long latest(long after, long upTo) {
        long h = headings.latestIn(after, upTo);
        return h >= 0 ? h : blocks.latestIn(after, upTo);
    }

    /** Whether a section starts at {@code at}: a heading, the end of front matter, or the document start. */
    boolean isSectionStart(long at) {
        return at == 0 || at == frontMatterEnd || headings.contains(at);
    }

    /** The metadata of a chunk starting at {@code start}: its heading path and level, front matter or a table's header. */
    ChunkMetadata metadata(long start) {
        Map<String, String> attributes = Map.of();
        if (start < frontMatterEnd) {
            attributes = Map.of("block", "front-matter");
        } else if (outline.tableHeaderAt(start) != null) {
            attributes = Map.of("tableHeader", outline.tableHeaderAt(start));
        }
        MarkdownOutline.Entry o = start < frontMatterEnd ? MarkdownOutline.top() : outline.at(start);
        return new ChunkMetadata(o.path(), o.level(), Optional.empty(), Optional.empty(), attributes);
    }

    /** Nothing before {@code offset} is asked about any more. */
    void dropBefore(long offset) {
        outline.dropBefore(offset);
        headings.dropBefore(offset);
        blocks.dropBefore(offset);
        cuts.dropBefore(offset);
    }

    /**
     * Writes the marks for a resume point: the outline and the positions held, which lie at or after the chunker's
     * window start since it dropped those before, and the end of front matter, which may lie before.
     */
    void save(StateWriter out) {
        outline.save(out);
        out.positions(headings).positions(blocks).positions(cuts).offset(frontMatterEnd);
    }

    /** Takes over what {@link #save} wrote, on marks that hold nothing yet. */
    void restore(StateReader in) {
        outline.restore(in);
        in.positions(headings);
        in.positions(blocks);
        in.positions(cuts);
        frontMatterEnd = in.offset();
    }
}
