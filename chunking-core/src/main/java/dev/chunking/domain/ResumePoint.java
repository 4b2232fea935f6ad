package dev.chunking.domain;

import java.util.Arrays;
import java.util.Base64;

/**
 * Where a chunker stands between two chunks, so that a new chunker can take over from there
 * and emit exactly the chunks the old one would have: the start of the next chunk (which may
 * lie before the end of the last one, by the overlap), the end of the last chunk emitted, and
 * the index of the next chunk. Offsets are in the original input: byte offsets count the bytes
 * of the source as they were (also where malformed bytes were replaced), code-point offsets
 * count the code points of the decoded text.
 *
 * <p>A structure-aware strategy also needs what it learnt from the text before the point (the
 * open Markdown containers and heading path, the recent sentence distances, a chunk held back to
 * merge with the next): it keeps that in {@link #state()}, an opaque, versioned blob that only the
 * strategy reads, bounded like the chunker's memory (about the max size and its lookahead).
 * {@code recursive} keeps one flag there (whether its chunk starts inside a paragraph);
 * {@code character} leaves it empty. Immutable: the blob is copied in and out.
 *
 * @param byteOffset source byte offset at which input must be fed again
 * @param codePointOffset code-point offset of that byte
 * @param previousEndByte byte offset of the end of the last chunk emitted, at or after {@code byteOffset}
 * @param previousEndCodePoint code-point offset of that end
 * @param nextIndex index of the next chunk
 * @param replacements malformed sequences replaced by U+FFFD so far
 * @param state the strategy's own state at the point, empty when it needs none
 */
public record ResumePoint(long byteOffset, long codePointOffset, long previousEndByte, long previousEndCodePoint, long nextIndex,
                          long replacements, byte[] state) {
    private static final byte[] NONE = new byte[0]; // before START, which uses it

    /** The start of a document. */
    public static final ResumePoint START = new ResumePoint(0, 0, 0, 0, 0, 0);

    /**
     * Validates the point.
     *
     * @throws InvalidOptionsException if an offset is negative or the next start lies after the previous end
     */
    public ResumePoint {
        state = state == null || state.length == 0 ? NONE : state.clone();
        if (byteOffset < 0 || codePointOffset < 0 || nextIndex < 0 || replacements < 0) {
            throw new InvalidOptionsException("resume point: offsets, index and replacements must not be negative (byte offset "
                    + byteOffset + ", code point " + codePointOffset + ", index " + nextIndex + ")");
        }
        if (previousEndByte < byteOffset || previousEndCodePoint < codePointOffset
                || previousEndByte - byteOffset < previousEndCodePoint - codePointOffset) {
            throw new InvalidOptionsException("resume point: the next chunk starts at byte " + byteOffset + " (code point "
                    + codePointOffset + "), which does not lie within the overlap before the previous end at byte "
                    + previousEndByte + " (code point " + previousEndCodePoint + ")");
        }
    }

    /**
     * A point without strategy state, as {@code character} reports.
     *
     * @param byteOffset source byte offset at which input must be fed again
     * @param codePointOffset code-point offset of that byte
     * @param previousEndByte byte offset of the end of the last chunk emitted
     * @param previousEndCodePoint code-point offset of that end
     * @param nextIndex index of the next chunk
     * @param replacements malformed sequences replaced by U+FFFD so far
     * @throws InvalidOptionsException as the canonical constructor
     */
    public ResumePoint(long byteOffset, long codePointOffset, long previousEndByte, long previousEndCodePoint, long nextIndex,
                       long replacements) {
        this(byteOffset, codePointOffset, previousEndByte, previousEndCodePoint, nextIndex, replacements, NONE);
    }

    /**
     * Returns the strategy's state at this point, a copy; empty when the strategy needs none.
     *
     * @return the state's bytes
     */
    @Override
    public byte[] state() {
        return state.length == 0 ? NONE : state.clone();
    }

    /**
     * Returns whether the point carries strategy state.
     *
     * @return true when {@link #state()} is not empty
     */
    public boolean hasState() {
        return state.length > 0;
    }

    /**
     * Returns the same point with another strategy state.
     *
     * @param newState the state, empty for none
     * @return the point
     */
    public ResumePoint withState(byte[] newState) {
        return new ResumePoint(byteOffset, codePointOffset, previousEndByte, previousEndCodePoint, nextIndex, replacements, newState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResumePoint p && byteOffset == p.byteOffset && codePointOffset == p.codePointOffset
                && previousEndByte == p.previousEndByte && previousEndCodePoint == p.previousEndCodePoint && nextIndex == p.nextIndex
                && replacements == p.replacements && Arrays.equals(state, p.state);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(byteOffset);
        for (long v : new long[] {codePointOffset, previousEndByte, previousEndCodePoint, nextIndex, replacements}) {
            h = 31 * h + Long.hashCode(v);
        }
        return 31 * h + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
        return "ResumePoint[byteOffset=" + byteOffset + ", codePointOffset=" + codePointOffset + ", previousEndByte=" + previousEndByte
                + ", previousEndCodePoint=" + previousEndCodePoint + ", nextIndex=" + nextIndex + ", replacements=" + replacements
                + ", state=" + (state.length == 0 ? "none" : state.length + " bytes " + Base64.getEncoder().encodeToString(
                        Arrays.copyOf(state, Math.min(state.length, 12))) + (state.length > 12 ? "..." : "")) + "]";
    }

    /**
     * A point at the very start of a text that begins after a prefix the chunks leave out, such
     * as a byte order mark.
     *
     * @param bytes length of the prefix in bytes
     * @param codePoints length of the prefix in code points
     * @return the point
     */
    public static ResumePoint after(long bytes, long codePoints) {
        return new ResumePoint(bytes, codePoints, bytes, codePoints, 0, 0);
    }
}
