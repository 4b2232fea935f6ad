package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.TokenCounter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chunks a document at several sizes at once, top down: the largest level is cut from the stream
 * as {@code recursive} cuts, and each chunk of a level, once final, is cut the same way into the
 * chunks of the level below, from its own text. So every chunk of a level below the top has one
 * parent, a parent is exactly the union of its children, and where two parents overlap, both have
 * children there. Each level has its own size, overlap and min size. A
 * chunk is emitted after its children, which come right after their own children; the id of a
 * chunk is made when it is final, before its children's. Memory is the top level's window plus,
 * per level below, the text of one chunk and the chunks cut from it. Not thread-safe.
 */
public final class HierarchicalChunker implements Chunker {
    private final String strategy;
    private final DocumentId document;
    private final TokenCounter counter;
    private final ChunkSink sink;
    private final ChunkingOptions[] levels;
    private final String[] idPrefixes; // "doc#L1-" per level: made once, ids per chunk
    private final long[] levelIndex; // chunks made per level
    private final List<List<Chunk>> cut = new ArrayList<>(); // per level below the top, the chunks cut from one parent
    private final BoundaryChunker top;
    private byte[] text = new byte[0]; // a parent's UTF-8, fed to the chunker of the level below
    private long nextIndex;

    /**
     * Opens a chunker for one document.
     *
     * @param strategy the name stamped on chunks
     * @param document the document id, part of every chunk id
     * @param levels each level's options, largest first ({@code HierarchicalStrategy.levelOptions})
     * @param counter the token counter
     * @param sink receives the chunks
     * @param from {@link ResumePoint#START}, a fresh start after a prefix, or a point an earlier chunker of the same
     *     options reported
     * @throws dev.chunking.domain.CheckpointMismatchException if {@code from} carries no state of this strategy
     */
    public HierarchicalChunker(String strategy, DocumentId document, ChunkingOptions[] levels, TokenCounter counter,
                               ChunkSink sink, ResumePoint from) {
        this.strategy = strategy;
        this.document = document;
        this.counter = counter;
        this.sink = sink;
        this.levels = levels.clone();
        this.levelIndex = new long[levels.length];
        this.idPrefixes = new String[levels.length];
        for (int level = 0; level < levels.length; level++) {
            String zero = id(document, level, 0);
            idPrefixes[level] = zero.substring(0, zero.length() - 1);
            cut.add(new ArrayList<>());
        }
        ResumePoint topFrom = from;
        if (!from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            topFrom = restore(from);
        }
        this.top = new BoundaryChunker(strategy, BoundaryLevels.ALL, document, this.levels[0], counter, c -> split(c, 0,
                Optional.empty()), topFrom);
    }

    /**
     * Returns where the chunker stands: the top level's point, numbered by all levels, and in this
     * chunker's state the top level's own numbering and state and the chunks made per level. Nothing
     * else is open: a chunk of the top level is cut into the levels below as soon as it is final.
     */
    @Override
    public ResumePoint resumePoint() {
        ResumePoint at = top.resumePoint();
        StateWriter out = new StateWriter(strategy, 0);
        out.number(at.nextIndex()).bytes(at.state());
        for (long made : levelIndex) {
            out.number(made);
        }
        return new ResumePoint(at.byteOffset(), at.codePointOffset(), at.previousEndByte(), at.previousEndCodePoint(), nextIndex,
                at.replacements(), out.toByteArray());
    }

    /** Takes the counters back from a resume point's state; returns the top level's point. */
    private ResumePoint restore(ResumePoint from) {
        if (!from.hasState()) {
            throw EngineState.noState(from, strategy);
        }
        StateReader in = new StateReader(from.state(), strategy, 0);
        long topIndex = in.number();
        ResumePoint topFrom = new ResumePoint(from.byteOffset(), from.codePointOffset(), from.previousEndByte(),
                from.previousEndCodePoint(), topIndex, from.replacements(), in.bytes());
        for (int level = 0; level < levels.length; level++) {
            levelIndex[level] = in.number();
        }
        in.end();
        nextIndex = from.nextIndex();
        return topFrom;
    }

    /** The id of a chunk: stable, from the document id, the level and the chunk's index within its level. */
    static String id(DocumentId document, int level, long indexInLevel) {
        return document.value() + "#L" + level + "-" + indexInLevel;
    }

    /**
     * A chunk of a level is final: cut it into the level below, each of those in turn, then emit it.
     * The depth is the number of levels, at most five.
     */
    private void split(Chunk c, int level, Optional<String> parent) {
        Optional<String> id = Optional.of(idPrefixes[level] + levelIndex[level]++);
        if (level + 1 < levels.length) {
            List<Chunk> children = cut.get(level + 1);
            int bytes = c.content().byteLength();
            if (text.length < bytes) {
                text = new byte[Math.max(bytes, 2 * text.length)];
            }
            c.content().copyBytes(0, bytes, text, 0);
            try (BoundaryChunker below = new BoundaryChunker(strategy, document, levels[level + 1], counter, children::add,
                    ResumePoint.after(c.byteStart(), c.start()), bytes)) {
                below.feed(text, 0, bytes);
                below.finish();
            }
            for (Chunk kid : children) { // cutting a child reuses the text buffer, which is free again, and the lists below only
                split(kid, level + 1, id);
            }
            children.clear();
        }
        sink.accept(new Chunk(document, nextIndex++, c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(),
                c.unit(), strategy, new ChunkMetadata(List.of(), level, id, parent, Map.of()), c.replacements()));
    }

    @Override
    public void feed(byte[] utf8, int offset, int length) {
        top.feed(utf8, offset, length);
    }

    @Override
    public void feed(ByteBuffer utf8) {
        top.feed(utf8);
    }

    @Override
    public void feed(CharSequence text) {
        top.feed(text);
    }

    @Override
    public void finish() {
        top.finish();
    }

    @Override
    public long bytesFed() {
        return top.bytesFed();
    }

    @Override
    public long replacements() {
        return top.replacements();
    }

    @Override
    public void close() {
        top.close();
    }
}
