package dev.chunking.strategy.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The heading outline and the GFM tables of a Markdown document as far as a chunker still
 * needs them: the heading path in force at any offset from the chunk start on, and the header
 * rows of the tables there. Entries before the chunk start are dropped, except the last
 * heading, which is still in force. Not thread-safe.
 */
final class MarkdownOutline {
    /** A heading path that comes into force at an offset. */
    record Entry(long at, List<String> path, int level) {
    }

    /** A table's body (after its delimiter row) and its header and delimiter rows. */
    private record Table(long bodyStart, long[] end, String header) {
    }

    private static final Entry TOP = new Entry(Long.MIN_VALUE, List.of(), 0);

    private final List<Integer> levels = new ArrayList<>(); // the open headings' levels, outermost first
    private final List<String> path = new ArrayList<>();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final ArrayDeque<Table> tables = new ArrayDeque<>();

    MarkdownOutline() {
        entries.add(TOP);
    }

    /** A heading of a level (1 to 6) starts at an offset: it replaces every open heading of its level or deeper. */
    void heading(long at, int level, String text) {
        while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
            levels.remove(levels.size() - 1);
            path.remove(path.size() - 1);
        }
        levels.add(level);
        path.add(text);
        entries.add(new Entry(at, List.copyOf(path), level));
    }

    /** A table whose body starts at an offset, with its header and delimiter rows. */
    void tableStarts(long bodyStart, String header) {
        tables.add(new Table(bodyStart, new long[] {Long.MAX_VALUE}, header));
    }

    /** The open table ends at an offset. */
    void tableEnds(long at) {
        if (!tables.isEmpty() && tables.getLast().end()[0] == Long.MAX_VALUE) {
            tables.getLast().end()[0] = at;
        }
    }

    /** Forgets everything, as after front matter, which has no outline. */
    void clear() {
        levels.clear();
        path.clear();
        entries.clear();
        entries.add(TOP);
        tables.clear();
    }

    /** The heading path in force at an offset (the top, with no headings, before the first). */
    Entry at(long offset) {
        Entry found = entries.getFirst();
        for (Entry e : entries) {
            if (e.at() > offset) {
                break;
            }
            found = e;
        }
        return found;
    }

    /** The top of the outline: no headings. */
    static Entry top() {
        return TOP;
    }

    /** The header and delimiter rows of the table whose body holds the offset, or null. */
    String tableHeaderAt(long offset) {
        for (Table t : tables) {
            if (t.bodyStart() <= offset && offset < t.end()[0]) {
                return t.header();
            }
        }
        return null;
    }

    /**
     * Whether a section starting at {@code cut} lies under the heading in force at
     * {@code start}, or is a sibling under the same parent heading (not at the top level).
     */
    boolean sameHeading(long start, long cut) {
        List<String> before = at(start).path();
        List<String> after = at(cut).path();
        if (startsWith(after, before)) {
            return true;
        }
        List<String> parent = before.isEmpty() ? before : before.subList(0, before.size() - 1);
        return !parent.isEmpty() && startsWith(after, parent);
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /**
     * Writes the outline for a resume point: the open headings, which may lie long before the chunker's window start,
     * the heading paths in force from the last one before it on, and the tables whose body has not ended before it.
     */
    void save(StateWriter out) {
        out.number(levels.size());
        levels.forEach(out::number);
        out.texts(path).number(entries.size());
        for (Entry e : entries) {
            out.offset(e.at()).texts(e.path()).number(e.level());
        }
        out.number(tables.size());
        for (Table t : tables) {
            out.offset(t.bodyStart()).offset(t.end()[0]).text(t.header());
        }
    }

    /** Takes over what {@link #save} wrote. */
    void restore(StateReader in) {
        clear();
        entries.clear();
        for (int n = in.integer(); n > 0; n--) {
            levels.add(in.integer());
        }
        path.addAll(in.texts());
        for (int n = in.integer(); n > 0; n--) {
            long at = in.offset();
            List<String> headings = List.copyOf(in.texts());
            int level = in.integer();
            entries.add(at == TOP.at() ? TOP : new Entry(at, headings, level));
        }
        for (int n = in.integer(); n > 0; n--) {
            tables.add(new Table(in.offset(), new long[] {in.offset()}, in.text()));
        }
    }

    /** Nothing before the offset is asked about any more. */
    void dropBefore(long offset) {
        while (entries.size() > 1) {
            Iterator<Entry> it = entries.iterator();
            it.next();
            if (it.next().at() > offset) {
                break;
            }
            entries.removeFirst(); // keep the last heading at or before the offset: it is still in force there
        }
        while (!tables.isEmpty() && tables.getFirst().end()[0] <= offset) {
            tables.removeFirst();
        }
    }
}
