package dev.chunking.strategy.internal;

/**
 * Tells where grapheme cluster boundaries lie in the engine's window, on demand, so the forward
 * scan does no per-code-point cluster work: the chunker asks only near the places it may cut.
 *
 * <p>Why a short look back is exact: after a code point of the plain category {@link
 * Graphemes#ANY} the cursor's state is the same whatever came before (no rule looks back across
 * it), and at any cluster boundary a fresh cursor decides what follows as the running one would.
 * So the answer for a position comes from a fresh cursor started at the nearest plain code point
 * before it, or at the floor (the chunk start, a boundary; after a split inside a cluster, the
 * place where the engine starts afresh, as a resumed chunker does). Text with no plain code point
 * near a position (long runs of marks or emoji) falls back to one running cursor from the floor,
 * whose answers are kept until the floor moves past them, so no text is walked more than once.
 * Not thread-safe.
 */
final class GraphemeBoundaries {
    /** How many code points to look back for a plain one before falling back to the running cursor. */
    private static final int LOOK_BACK = 32;

    private final Utf8Window window;
    private final GraphemeCursor cursor = new GraphemeCursor();
    private long floor;
    private long ceiling; // the offset after the last scanned code point: nothing at or after it is looked at

    private final GraphemeCursor running = new GraphemeCursor();
    private final Positions joins = new Positions(); // from the running cursor: code-point starts inside a cluster
    private long runningTo = -1; // the running cursor has passed every code point before this; -1: not started

    GraphemeBoundaries(Utf8Window window, long floor) {
        this.window = window;
        this.floor = floor;
    }

    /** The chunk start moved to a cluster boundary: answers after it stay valid. */
    void moveFloor(long offset) {
        floor = offset;
        if (runningTo <= offset) {
            runningTo = -1;
        } else {
            joins.dropBefore(offset);
        }
    }

    /** The engine starts afresh at {@code offset}, inside a cluster: forget every answer. */
    void restart(long offset) {
        floor = offset;
        runningTo = -1;
    }

    /** Everything before {@code offset} is scanned and may be looked at. */
    void ceiling(long offset) {
        ceiling = offset;
    }

    /** Forgets the answers kept, when the engine releases its buffers. */
    void clear() {
        joins.clear();
        runningTo = -1;
    }

    /**
     * Whether a cluster boundary lies at {@code p}: always at or before the floor and at or
     * after the ceiling (the end of what is scanned, where the input may end).
     */
    boolean isBoundary(long p) {
        if (p <= floor || p >= ceiling) {
            return true;
        }
        if (runningTo > p) {
            return !joins.contains(p);
        }
        long q = p;
        for (int k = 0; ; k++) {
            q = window.previousCodePoint(q);
            if (q <= floor) {
                q = floor;
                break;
            }
            if (Graphemes.value(window.codePointAt(q)) == Graphemes.ANY) {
                break;
            }
            if (k == LOOK_BACK) {
                return runTo(p);
            }
        }
        cursor.reset();
        boolean boundary = true;
        for (long at = q; at <= p; at = window.nextCodePoint(at)) {
            boundary = cursor.advance(window.codePointAt(at));
        }
        return boundary;
    }

    /** Runs the running cursor on through {@code p} and answers from it. */
    private boolean runTo(long p) {
        if (runningTo < 0) {
            joins.clear();
            running.reset();
            runningTo = floor;
        }
        while (runningTo <= p) {
            if (!running.advance(window.codePointAt(runningTo)) && runningTo > floor) {
                joins.add(runningTo);
            }
            runningTo = window.nextCodePoint(runningTo);
        }
        return !joins.contains(p);
    }
}
