package dev.chunking.strategy.internal;

import dev.chunking.domain.ChunkMetadata;

/**
 * What a structure-aware strategy adds to {@link BoundaryChunker}: boundaries stronger than a
 * paragraph (before a heading, between blocks), cuts the chunker must make whatever the size
 * (the end of front matter, a meaning shift), and each chunk's metadata. It sees the text only
 * through {@link #observe}, in order, as whole code points that are final (malformed bytes
 * already replaced). Offsets are the chunker's window offsets.
 *
 * <p>Why {@link #decidedUpTo()}: some facts about a position are known only from text after
 * it (a setext underline makes the paragraph above it a heading; a meaning shift needs the
 * next sentence's embedding). The chunker makes no cut at or after a position before the
 * structure has decided everything up to it, so its cuts depend on the text alone, never on
 * how the input was fed. Each implementation bounds that lookahead, which bounds memory.
 * Because decided facts do not change, a structure restored from a resume point ({@link #save},
 * {@link #restore}) may have observed text the resumed chunker has not scanned yet.
 * Not thread-safe.
 */
abstract class Structure {
    /** Returned by {@link #decidedUpTo()} once the input ended. */
    static final long ALL = Long.MAX_VALUE;

    /**
     * Reads the scanned text {@code [from, to)}: whole code points, contiguous with the last call.
     *
     * @param window the chunker's window, which holds the bytes
     * @param from the offset after the last byte seen
     * @param to the offset after the last scanned code point
     */
    abstract void observe(Utf8Window window, long from, long to);

    /** The input ended after everything observed: decide everything. */
    abstract void endOfInput(Utf8Window window);

    /** The offset before which every candidate, forced cut and metadata fact is final. */
    abstract long decidedUpTo();

    /**
     * The first forced cut in {@code (after, upTo]}, or -1.
     *
     * @param after exclusive lower bound
     * @param upTo inclusive upper bound, at most {@link #decidedUpTo()}
     */
    abstract long forcedCut(long after, long upTo);

    /**
     * Whether a forced cut may be passed over when the chunk before it, from {@code start},
     * is still under the min size (so small sections or sentence groups merge with the next).
     */
    abstract boolean mergeable(long start, long cut);

    /**
     * Whether, with an overlap, a chunk that a forced cut ends and that is longer than the max
     * size minus the overlap gets a second chunk from there to the cut, so that the text before
     * the cut also starts a chunk of its own ({@code semantic}: an embedder that reads the start
     * of a chunk then reads the end of a topic too). False unless a structure says otherwise.
     */
    boolean overlapsBeforeForcedCut() {
        return false;
    }

    /**
     * The latest structural candidate of the strongest level in {@code (after, upTo]}, or -1
     * to let the recursive levels decide.
     */
    abstract long latest(long after, long upTo);

    /**
     * The metadata of a chunk {@code [start, end)}.
     *
     * @param window the window, which holds the chunk's bytes
     */
    abstract ChunkMetadata metadata(Utf8Window window, long start, long end);

    /** Nothing before {@code offset} is asked about any more. */
    abstract void dropBefore(long offset);

    /**
     * Writes everything the structure knows, for a resume point at the chunker's window start:
     * what it learnt from the text before that start (open containers, heading path, recent
     * distances) and the facts it holds about the text observed after it. Offsets go through
     * {@link StateWriter#offset}; the size is bounded like the structure's memory.
     *
     * @param out the state being written
     */
    abstract void save(StateWriter out);

    /**
     * Takes over what {@link #save} wrote, on a structure just created with the same options,
     * before it observes anything: it then goes on as the saved one would have.
     *
     * @param in the state, positioned where {@link #save} began writing
     * @param window the resumed chunker's window, which is refilled from its start
     */
    abstract void restore(StateReader in, Utf8Window window);
}
