package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Holds back the latest chunk of an engine, so that a chunk under the min size can be merged
 * into its neighbour: into the held chunk before it when the union fits the max size, else the
 * held tiny chunk into the next one when that union fits. A merged chunk is the exact slice from
 * the earlier start to the later end and keeps the earlier chunk's metadata; chunks are never
 * merged across front matter or a different top-level heading, nor when one with replaced
 * malformed input overlaps the other. Chunks are numbered here, as they are passed on.
 *
 * <p>While a chunk is held, the resume point of a plain engine is the one from before its first
 * piece, so a resumed engine makes the held chunk again and takes the same decisions; an engine
 * guided by a structure, whose state before that piece is gone, keeps the held chunk itself in
 * its resume point's state instead ({@link #save}). With min size 0 nothing is held.
 * Memory: one chunk of at most the max size. Not thread-safe.
 */
final class PendingChunk {
    private static final String FRONT_MATTER = "front-matter";
    private final ChunkSink sink;
    private final boolean skipFrontMatter;
    private final int maxSize;
    private final int minSize;
    private final ToIntFunction<Utf8Text> sizer; // the size of a merged chunk's text, in the options' unit
    private Chunk held;
    private ResumePoint heldFrom; // where an engine resumes to make the held chunk again
    private long nextIndex;

    /**
     * Opens an empty hold-back.
     *
     * @param sink receives the chunks, numbered from {@code nextIndex}
     * @param maxSize the max size; no merged chunk is larger
     * @param minSize a chunk under this size is merged where it can be; 0 for none
     * @param sizer the size of a text in the unit of the options
     * @param nextIndex the index of the first chunk passed on
     * @param skipFrontMatter whether chunks of front matter are dropped instead of passed on (and numbered)
     */
    PendingChunk(ChunkSink sink, int maxSize, int minSize, ToIntFunction<Utf8Text> sizer, long nextIndex, boolean skipFrontMatter) {
        this.skipFrontMatter = skipFrontMatter;
        this.sink = sink;
        this.maxSize = maxSize;
        this.minSize = minSize;
        this.sizer = sizer;
        this.nextIndex = nextIndex;
    }

    /**
     * Takes the engine's next chunk.
     *
     * @param c the chunk; its index is replaced
     * @param before the engine's resume point from just before {@code c}, or null when the engine cannot resume
     */
    void offer(Chunk c, ResumePoint before) {
        if (held != null && (c.size() < minSize || held.size() < minSize)) {
            Chunk merged = merged(held, c);
            if (merged != null) {
                held = merged;
                return;
            }
        }
        release();
        held = c;
        if (minSize == 0) {
            release(); // nothing to merge: hold nothing back, so chunks reach the sink as soon as they are cut
            return;
        }
        heldFrom = before == null ? null
                : new ResumePoint(before.byteOffset(), before.codePointOffset(), before.previousEndByte(),
                        before.previousEndCodePoint(), nextIndex, before.replacements(), before.state());
    }

    /**
     * The resume point: before the held chunk, or {@code current} (numbered on from here) when none is held.
     *
     * @param current the engine's own resume point
     * @return the point to resume from
     */
    ResumePoint resumePoint(ResumePoint current) {
        if (held != null) {
            return heldFrom;
        }
        return new ResumePoint(current.byteOffset(), current.codePointOffset(), current.previousEndByte(),
                current.previousEndCodePoint(), nextIndex, current.replacements(), current.state());
    }

    /**
     * The resume point of an engine that keeps state: {@code current}, numbered on from the
     * held chunk (or the next one), which {@link #save} puts in the state.
     *
     * @param current the engine's own resume point
     * @return the point, without state yet
     */
    ResumePoint statefulResumePoint(ResumePoint current) {
        return new ResumePoint(current.byteOffset(), current.codePointOffset(), current.previousEndByte(),
                current.previousEndCodePoint(), nextIndex, current.replacements());
    }

    /** Writes the held chunk, if any, into a resume point's state. */
    void save(StateWriter out) {
        out.flag(held != null);
        if (held != null) {
            out.chunk(held);
        }
    }

    /** Takes the held chunk back from a resume point's state, on a fresh hold-back. */
    void restore(StateReader in, DocumentId document, String strategy, SizeUnit unit) {
        if (in.flag()) {
            held = in.chunk(document, strategy, unit);
        }
    }

    /** Passes the held chunk on, at the end of the input. */
    void finish() {
        release();
    }

    private void release() {
        if (held != null) {
            Chunk c = held;
            held = null;
            if (skipFrontMatter && FRONT_MATTER.equals(c.metadata().attributes().get("block"))) {
                return; // left out, as the front-matter=skip parameter asks: the next chunk takes its index
            }
            sink.accept(new Chunk(c.document(), nextIndex++, c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(),
                    c.unit(), c.strategy(), c.metadata(), c.replacements()));
        }
    }

    /** The union of {@code a} and the later {@code b}, or null when it is too large or may not be made. */
    private Chunk merged(Chunk a, Chunk b) {
        if (b.end() <= a.end() || b.start() > a.end() || !compatible(a.metadata(), b.metadata(), b.size() < minSize && oneLine(b.content()))
                || (b.start() < a.end() && b.replacements() > 0)) {
            return null;
        }
        if (sizer == null && b.end() - a.start() > maxSize) {
            return null;
        }
        Utf8Text from = b.content();
        int skip = byteOffset(from, a.end() - b.start()); // b's overlap with a
        byte[] joined = new byte[a.content().byteLength() + from.byteLength() - skip];
        a.content().copyBytes(0, a.content().byteLength(), joined, 0);
        from.copyBytes(skip, from.byteLength(), joined, a.content().byteLength());
        Utf8Text text = Utf8Text.copyOf(joined, 0, joined.length, (int) (b.end() - a.start()));
        int size = sizer == null ? text.codePointLength() : sizer.applyAsInt(text);
        if (size > maxSize) {
            return null;
        }
        return new Chunk(a.document(), a.index(), text, a.start(), b.end(), a.byteStart(), b.byteEnd(), size, a.unit(),
                a.strategy(), a.metadata(), a.replacements() + b.replacements());
    }

    /**
     * Whether the earlier chunk's metadata still describes the union: both in or both out of front
     * matter, the same parent, and the same top-level heading unless the later chunk is a tiny
     * single line (a heading with no body, such as a stray {@code #} comment line outside a code
     * fence), which then joins the chunk before it rather than stay a chunk of a few characters;
     * a tiny section with a body stays a section of its own.
     */
    private static boolean compatible(ChunkMetadata a, ChunkMetadata b, boolean laterIsTinyLine) {
        return Objects.equals(a.attributes().get("block"), b.attributes().get("block")) && a.parent().equals(b.parent())
                && (laterIsTinyLine || top(a.headings()).equals(top(b.headings())));
    }

    /** Whether a text is one line: no line feed but at its end, after which only whitespace follows. */
    private static boolean oneLine(Utf8Text text) {
        int end = text.byteLength();
        while (end > 0 && (text.byteAt(end - 1) == '\n' || text.byteAt(end - 1) == '\r' || text.byteAt(end - 1) == ' ')) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (text.byteAt(i) == '\n') {
                return false;
            }
        }
        return true;
    }

    private static String top(List<String> headings) {
        return headings.isEmpty() ? "" : headings.get(0);
    }

    /** The byte offset in {@code text} after its first {@code codePoints} code points. */
    private static int byteOffset(Utf8Text text, long codePoints) {
        int at = 0;
        for (long n = 0; n < codePoints && at < text.byteLength(); n++) {
            at++;
            while (at < text.byteLength() && (text.byteAt(at) & 0xC0) == 0x80) {
                at++;
            }
        }
        return at;
    }
}
