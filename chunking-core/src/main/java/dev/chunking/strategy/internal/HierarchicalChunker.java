package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.TokenCounter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chunks a document at several sizes at once, bottom up: the finest level is cut as
 * {@code recursive} cuts, in one pass; each coarser level packs whole chunks of the level
 * below, as many as fit its size, so every parent's range is the union of its children's and
 * contains them. A chunk is emitted as soon as it is final, which is before its parent (whose
 * id is known as soon as the parent is started); indices count all levels. Memory is the
 * engine's window plus one open chunk's bytes per coarser level. Not thread-safe.
 */
public final class HierarchicalChunker implements Chunker {
    private final String strategy;
    private final DocumentId document;
    private final TokenCounter counter; // null when sizing in code points
    private final ChunkSink sink;
    private final int[] sizes;
    private final String[] idPrefixes; // "doc#L1-" per level: made once, ids per chunk
    private final long[] levelIndex; // chunks started per level
    @SuppressWarnings("unchecked")
    private final Optional<String>[] openIds; // per level, the id of its open chunk: made once, the parent of several children
    private final Open[] open; // the open chunk of each coarser level
    private final BoundaryChunker finest;
    private long nextIndex;

    /** A chunk of a coarser level being packed: its range and its bytes. */
    private static final class Open {
        boolean active;
        long start;
        long byteStart;
        long end;
        long byteEnd;
        byte[] bytes = new byte[256];
        int length;
    }

    /**
     * Opens a chunker for one document.
     *
     * @param strategy the name stamped on chunks
     * @param document the document id, part of every chunk id
     * @param options overlap, min size (its share of the max size applies to the finest level), unit and
     *     malformed-input policy
     * @param sizes the size of each level, strictly decreasing, validated by the caller
     * @param counter the token counter
     * @param sink receives the chunks
     * @param from {@link ResumePoint#START}, a fresh start after a prefix, or a point an earlier chunker of the same
     *     options reported
     * @throws dev.chunking.domain.CheckpointMismatchException if {@code from} carries no state of this strategy
     */
    public HierarchicalChunker(String strategy, DocumentId document, ChunkingOptions options, int[] sizes, TokenCounter counter,
                               ChunkSink sink, ResumePoint from) {
        this.strategy = strategy;
        this.document = document;
        this.counter = options.unit() == SizeUnit.TOKENS ? counter : null;
        this.sink = sink;
        this.sizes = sizes.clone();
        int last = sizes.length - 1;
        this.levelIndex = new long[sizes.length];
        this.openIds = new Optional[sizes.length];
        this.idPrefixes = new String[sizes.length];
        this.open = new Open[sizes.length];
        for (int level = 0; level < sizes.length; level++) {
            String zero = id(document, level, 0);
            idPrefixes[level] = zero.substring(0, zero.length() - 1);
            open[level] = new Open();
        }
        // the min size is a share of the max size, and the finest level gets the same share of its size
        int finestMin = (int) Math.min(sizes[last], (long) options.minSize() * sizes[last] / options.maxSize());
        ChunkingOptions finestOptions = options.toBuilder().maxSize(sizes[last]).minSize(finestMin).build();
        ResumePoint finestFrom = from;
        if (!from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            finestFrom = restore(from);
        }
        this.finest = new BoundaryChunker(strategy, true, document, finestOptions, counter, c -> finished(c, last), finestFrom);
    }

    /**
     * Returns where the chunker stands: the finest level's point (before a chunk it holds back),
     * numbered by all levels, with the finest level's own state, the open chunk of each coarser level
     * and the counters in its state; at most the coarsest size in bytes per level.
     */
    @Override
    public ResumePoint resumePoint() {
        ResumePoint at = finest.resumePoint();
        StateWriter out = new StateWriter(strategy, 0);
        out.number(at.byteOffset()).number(at.codePointOffset()).number(at.previousEndByte()).number(at.previousEndCodePoint())
                .number(at.nextIndex()).number(at.replacements()).number(nextIndex).bytes(at.state());
        for (int level = 0; level < sizes.length; level++) {
            Open p = open[level];
            out.number(levelIndex[level]).text(openIds[level] == null ? null : openIds[level].orElse(null)).flag(p.active);
            if (p.active) {
                out.number(p.start).number(p.byteStart).number(p.end).number(p.byteEnd).bytes(p.bytes, 0, p.length);
            }
        }
        return new ResumePoint(at.byteOffset(), at.codePointOffset(), at.previousEndByte(), at.previousEndCodePoint(), nextIndex,
                at.replacements(), out.toByteArray());
    }

    /** Takes the counters and open chunks back from a resume point's state; returns the finest level's point. */
    private ResumePoint restore(ResumePoint from) {
        if (!from.hasState()) {
            throw EngineState.noState(from, strategy);
        }
        StateReader in = new StateReader(from.state(), strategy, 0);
        long[] at = {in.number(), in.number(), in.number(), in.number(), in.number(), in.number()};
        nextIndex = in.number();
        ResumePoint finestFrom = new ResumePoint(at[0], at[1], at[2], at[3], at[4], at[5], in.bytes());
        for (int level = 0; level < sizes.length; level++) {
            Open p = open[level];
            levelIndex[level] = in.number();
            String id = in.text();
            openIds[level] = id == null ? null : Optional.of(id);
            p.active = in.flag();
            if (p.active) {
                p.start = in.number();
                p.byteStart = in.number();
                p.end = in.number();
                p.byteEnd = in.number();
                p.bytes = in.bytes();
                p.length = p.bytes.length;
            }
        }
        in.end();
        return finestFrom;
    }

    /** The id of a chunk: stable, from the document id, the level and the chunk's index within its level. */
    static String id(DocumentId document, int level, long indexInLevel) {
        return document.value() + "#L" + level + "-" + indexInLevel;
    }

    /** A chunk of a level is final: place it in a parent (starting one if it does not fit), then emit it. */
    private void finished(Chunk c, int level) {
        Optional<String> parent = Optional.empty();
        if (level > 0) {
            Open p = open[level - 1];
            if (p.active && !fits(level - 1, p, c)) {
                close(level - 1);
            }
            if (!p.active) {
                p.active = true;
                p.start = c.start();
                p.byteStart = c.byteStart();
                p.end = c.start();
                p.byteEnd = c.byteStart();
                p.length = 0;
                openIds[level - 1] = Optional.of(idPrefixes[level - 1] + levelIndex[level - 1]++);
            }
            append(p, c);
            parent = openIds[level - 1];
        }
        // the finest level is counted here, coarser levels when started (their id made then)
        Optional<String> id = level == sizes.length - 1 ? Optional.of(idPrefixes[level] + levelIndex[level]++) : openIds[level];
        sink.accept(new Chunk(document, nextIndex++, c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(),
                c.unit(), strategy, new ChunkMetadata(List.of(), level, id, parent, Map.of()), c.replacements()));
    }

    /** Whether the open chunk {@code p} of a level can grow to the end of {@code c} within the level's size. */
    private boolean fits(int level, Open p, Chunk c) {
        if (counter == null) {
            return c.end() - p.start <= sizes[level];
        }
        int from = (int) (Math.max(p.byteEnd, c.byteStart()) - c.byteStart());
        byte[] joined = Arrays.copyOf(p.bytes, p.length + c.content().byteLength() - from);
        c.content().copyBytes(from, c.content().byteLength(), joined, p.length);
        return counter.count(Utf8Text.copyOf(joined, 0, joined.length, (int) (c.end() - p.start))) <= sizes[level];
    }

    /** Adds the part of {@code c} after the open chunk's end to it (consecutive chunks may overlap). */
    private static void append(Open p, Chunk c) {
        int from = (int) (Math.max(p.byteEnd, c.byteStart()) - c.byteStart());
        int n = c.content().byteLength() - from;
        if (p.length + n > p.bytes.length) {
            p.bytes = Arrays.copyOf(p.bytes, Math.max(p.length + n, p.bytes.length * 2));
        }
        c.content().copyBytes(from, from + n, p.bytes, p.length);
        p.length += n;
        p.end = c.end();
        p.byteEnd = c.byteEnd();
    }

    /** The open chunk of a level is final: emit it (after placing it in its own parent). */
    private void close(int level) {
        Open p = open[level];
        p.active = false;
        int codePoints = (int) (p.end - p.start);
        Utf8Text text = Utf8Text.copyOf(p.bytes, 0, p.length, codePoints);
        int size = counter == null ? codePoints : counter.count(text);
        finished(new Chunk(document, 0, text, p.start, p.end, p.byteStart, p.byteEnd, size,
                counter == null ? SizeUnit.CHARS : SizeUnit.TOKENS, strategy, ChunkMetadata.NONE, 0), level);
    }

    @Override
    public void feed(byte[] utf8, int offset, int length) {
        finest.feed(utf8, offset, length);
    }

    @Override
    public void feed(ByteBuffer utf8) {
        finest.feed(utf8);
    }

    @Override
    public void feed(CharSequence text) {
        finest.feed(text);
    }

    @Override
    public void finish() {
        finest.finish();
        for (int level = sizes.length - 2; level >= 0; level--) {
            if (open[level].active) {
                close(level);
            }
        }
    }

    @Override
    public long bytesFed() {
        return finest.bytesFed();
    }

    @Override
    public long replacements() {
        return finest.replacements();
    }

    @Override
    public void close() {
        finest.close();
    }
}
