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
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chunks a document at several sizes at once, bottom up: the finest level is cut as
 * {@code recursive} cuts, in one pass; each coarser level packs whole chunks of the level
 * below up to its size, so every parent's range is the union of its children's and contains
 * them. When the next child does not fit, the parent ends after its latest child that ends a
 * paragraph, if it has reached its level's min size there, and the children after that start the
 * next parent ({@link OpenParent} holds them back until then); else after its last child. A chunk
 * is emitted once its parent is certain, which is before its parent (whose id is known as soon as
 * the parent is started); indices count all levels. Memory is the engine's window plus, per coarser
 * level, one open chunk's bytes and the texts of the children it holds (within it; with an
 * overlap, each repeats at most the overlap). Not thread-safe.
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
    private final OpenParent[] open; // the open chunk of each coarser level
    private final long[] minSizes; // per level, the size a chunk reaches before it may end at a paragraph end
    private final BoundaryChunker finest;
    /** Chunks of coarser levels closed while placing a child, in order, to be placed in their own parents next. */
    private final ArrayDeque<Chunk> closed = new ArrayDeque<>();
    private long nextIndex;

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
        this.open = new OpenParent[sizes.length];
        this.minSizes = new long[sizes.length];
        for (int level = 0; level < sizes.length; level++) {
            String zero = id(document, level, 0);
            idPrefixes[level] = zero.substring(0, zero.length() - 1);
            open[level] = new OpenParent();
            minSizes[level] = Math.min(sizes[level], (long) options.minSize() * sizes[level] / options.maxSize());
        }
        // the min size is a share of the max size, and the finest level gets the same share of its size
        ChunkingOptions finestOptions = options.toBuilder().maxSize(sizes[last]).minSize((int) minSizes[last]).build();
        ResumePoint finestFrom = from;
        if (!from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            finestFrom = restore(from);
        }
        this.finest = new BoundaryChunker(strategy, BoundaryLevels.ALL, document, finestOptions, counter, this::finished, finestFrom);
    }

    /**
     * Returns where the chunker stands: the finest level's point (before a chunk it holds back),
     * numbered by all levels, with the finest level's own state, the open chunk of each coarser level
     * with the ranges, sizes and ids of the children it holds, and the counters in its state: per level,
     * the open chunk's bytes and a few numbers per held child.
     */
    @Override
    public ResumePoint resumePoint() {
        ResumePoint at = finest.resumePoint();
        StateWriter out = new StateWriter(strategy, 0);
        out.number(at.byteOffset()).number(at.codePointOffset()).number(at.previousEndByte()).number(at.previousEndCodePoint())
                .number(at.nextIndex()).number(at.replacements()).number(nextIndex).bytes(at.state());
        for (int level = 0; level < sizes.length; level++) {
            out.number(levelIndex[level]).text(openIds[level] == null ? null : openIds[level].orElse(null));
            open[level].write(out);
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
            levelIndex[level] = in.number();
            String id = in.text();
            openIds[level] = id == null ? null : Optional.of(id);
            open[level].read(in);
        }
        in.end();
        return finestFrom;
    }

    /** The id of a chunk: stable, from the document id, the level and the chunk's index within its level. */
    static String id(DocumentId document, int level, long indexInLevel) {
        return document.value() + "#L" + level + "-" + indexInLevel;
    }

    /**
     * A chunk of the finest level is final: place it, then the parents that closes, level by level
     * upwards. A loop rather than recursion keeps the compiled code small: the compiler's memory at
     * its peak counts in the process's (bin/chunk compiles in the foreground).
     */
    private void finished(Chunk c) {
        place(c, sizes.length - 1);
        drainClosed();
    }

    /** Places the chunks closed so far in their parents, which may close more. */
    private void drainClosed() {
        Chunk next;
        while ((next = closed.poll()) != null) {
            place(next, next.metadata().level());
        }
    }

    /**
     * Places a final chunk of a level in a parent, then emits it, or holds it while that parent may
     * still end before it. A child that does not fit ends the open parent, at its latest paragraph
     * end past the level's min size when one is followed by held children (they start the next
     * parent), else after its last child.
     */
    private void place(Chunk c, int level) {
        // the finest level is counted here, coarser levels when started (their id made then, and carried by the chunk)
        Optional<String> id = level == sizes.length - 1 ? Optional.of(idPrefixes[level] + levelIndex[level]++) : c.metadata().id();
        if (level == 0) {
            emit(c, level, id, Optional.empty());
            return;
        }
        int parentLevel = level - 1;
        OpenParent p = open[parentLevel];
        long size = p.active ? sizeWith(parentLevel, p, c) : c.size();
        if (p.active && size > sizes[parentLevel]) {
            if (p.held > 0 && p.paragraphLength > 0 && p.paragraphSize >= minSizes[parentLevel]) {
                closeAtParagraphEnd(parentLevel);
                size = sizeWith(parentLevel, p, c);
            }
            if (size > sizes[parentLevel]) {
                close(parentLevel);
            }
        }
        if (!p.active) {
            begin(parentLevel, c);
            size = c.size();
        }
        p.append(c);
        if (p.endsParagraph()) {
            // the parent will not end before this child: it and the children held before it are placed
            emitHeld(parentLevel);
            emit(c, level, id, openIds[parentLevel]);
            p.markParagraphEnd(size);
        } else {
            p.hold(c, id);
        }
    }

    /** Starts a chunk of {@code level} at {@code first}, with a new id. */
    private void begin(int level, Chunk first) {
        open[level].start(first);
        openIds[level] = Optional.of(idPrefixes[level] + levelIndex[level]++);
    }

    /** Emits a chunk of a level with its index, id and parent. */
    private void emit(Chunk c, int level, Optional<String> id, Optional<String> parent) {
        sink.accept(new Chunk(document, nextIndex++, c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(),
                c.unit(), strategy, new ChunkMetadata(List.of(), level, id, parent, Map.of()), c.replacements()));
    }

    /** Emits the children a level's open chunk holds, as its children. */
    private void emitHeld(int level) {
        OpenParent p = open[level];
        for (int i = 0; i < p.held; i++) {
            sink.accept(p.held(i, document, strategy, unit(), level + 1, openIds[level], nextIndex++));
        }
        p.clearHeld();
    }

    /** The size of the open chunk {@code p} of a level grown to the end of {@code c}, in the level's unit. */
    private long sizeWith(int level, OpenParent p, Chunk c) {
        if (counter == null) {
            return c.end() - p.start;
        }
        int from = (int) (Math.max(p.byteEnd, c.byteStart()) - c.byteStart());
        byte[] joined = Arrays.copyOf(p.bytes, p.length + c.content().byteLength() - from);
        c.content().copyBytes(from, c.content().byteLength(), joined, p.length);
        return counter.count(Utf8Text.copyOf(joined, 0, joined.length, (int) (c.end() - p.start)));
    }

    /** The open chunk of a level is final with all its children: emit them; it is placed in its own parent next. */
    private void close(int level) {
        OpenParent p = open[level];
        emitHeld(level);
        p.active = false;
        closed.add(p.toChunk(document, strategy, false, counter, level, openIds[level]));
    }

    /**
     * The open chunk of a level ends at its latest paragraph end: it is final there, and the
     * children it held after that end start the level's next chunk.
     */
    private void closeAtParagraphEnd(int level) {
        OpenParent p = open[level];
        closed.add(p.toChunk(document, strategy, true, counter, level, openIds[level]));
        p.restartAtHeld();
        openIds[level] = Optional.of(idPrefixes[level] + levelIndex[level]++);
    }

    private SizeUnit unit() {
        return counter == null ? SizeUnit.CHARS : SizeUnit.TOKENS;
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
                drainClosed();
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
