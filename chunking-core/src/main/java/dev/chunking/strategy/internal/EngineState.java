package dev.chunking.strategy.internal;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;

/**
 * The state a {@link BoundaryChunker} guided by a {@link Structure} keeps in its resume points:
 * how far the structure has observed, the chunk held back to merge with the next, and the
 * structure's own state. A plain structured engine keeps one flag: whether its chunk starts where a
 * cut fell inside a paragraph; everything else it decides lies after its resume point. Stateless.
 */
final class EngineState {
    private EngineState() {
    }

    /**
     * Adds the state to an engine's resume point.
     *
     * @param strategy the strategy's name, checked on restoring
     * @param origin the window offset of the engine's window start
     * @param observedTo the window offset up to which the structure has observed
     * @param pending the hold-back, whose held chunk goes into the state
     * @param structure the structure
     * @param own the engine's resume point
     * @return the point with the state
     */
    static ResumePoint save(String strategy, long origin, long observedTo, PendingChunk pending, Structure structure,
                            ResumePoint own) {
        StateWriter out = new StateWriter(strategy, origin);
        out.offset(observedTo);
        pending.save(out);
        structure.save(out);
        return pending.statefulResumePoint(own).withState(out.toByteArray());
    }

    /**
     * Restores a fresh engine's hold-back and structure from a resume point.
     *
     * @return the window offset up to which the restored structure has observed
     * @throws CheckpointMismatchException if the point has no state or another strategy's
     */
    static long restore(ResumePoint from, String strategy, DocumentId document, SizeUnit unit, PendingChunk pending,
                        Structure structure, Utf8Window window) {
        if (!from.hasState()) {
            throw noState(from, strategy);
        }
        StateReader in = new StateReader(from.state(), strategy, from.byteOffset());
        long observedTo = in.offset();
        pending.restore(in, document, strategy, unit);
        structure.restore(in, window);
        in.end();
        return observedTo;
    }

    /**
     * The failure for a point, other than a fresh start, that carries no state for a strategy that needs it.
     *
     * @param from the point
     * @param strategy the strategy's name
     * @return the exception to throw
     */
    static CheckpointMismatchException noState(ResumePoint from, String strategy) {
        return new CheckpointMismatchException("cannot resume strategy '" + strategy + "' at byte " + from.byteOffset()
                + ": the checkpoint carries no state for it (it was written by a version that could not checkpoint this"
                + " strategy); delete the checkpoint and start over");
    }

    /**
     * The two states of a plain structured engine's resume points ({@code recursive}, and
     * {@code hierarchical}'s finest level): whether the chunk at the point starts where a cut fell
     * inside a paragraph. One is always written, so a point without state that is not a fresh start
     * comes from an earlier version, which cut these chunks differently, and is refused.
     *
     * @param strategy the strategy's name, checked on restoring
     * @return the state when the chunk starts at a paragraph, then when it starts inside one
     */
    static byte[][] paragraphStates(String strategy) {
        return new byte[][] {new StateWriter(strategy, 0).flag(false).toByteArray(),
            new StateWriter(strategy, 0).flag(true).toByteArray()};
    }

    /**
     * Reads what {@link #paragraphStates} wrote.
     *
     * @param from the point a plain structured engine resumes from
     * @param strategy the strategy's name
     * @return whether the chunk at the point starts inside a paragraph; false at a fresh start
     * @throws CheckpointMismatchException if the point, not a fresh start, has no state, or another
     *     strategy's, or another format's
     */
    static boolean restoreInsideParagraph(ResumePoint from, String strategy) {
        if (from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            return false;
        }
        if (!from.hasState()) {
            throw new CheckpointMismatchException("cannot resume strategy '" + strategy + "' at byte " + from.byteOffset()
                    + ": the checkpoint carries no state, so an earlier version wrote it, and that version cut chunks"
                    + " differently; delete the checkpoint and start over");
        }
        StateReader in = new StateReader(from.state(), strategy, 0);
        boolean inside = in.flag();
        in.end();
        return inside;
    }

    /**
     * Refuses state given to an engine that keeps none.
     *
     * @throws CheckpointMismatchException if {@code from} has state
     */
    static void checkNone(ResumePoint from, String strategy) {
        if (from.hasState()) {
            throw new CheckpointMismatchException("cannot resume strategy '" + strategy + "' at byte " + from.byteOffset()
                    + ": the checkpoint carries state of " + from.state().length + " bytes, which this strategy never writes (it was"
                    + " written by another strategy); delete the checkpoint and start over");
        }
    }
}
