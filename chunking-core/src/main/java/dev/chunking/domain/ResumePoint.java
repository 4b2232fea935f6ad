package dev.chunking.domain;

/**
 * Where a chunker stands between two chunks, so that a new chunker can take over from there
 * and emit exactly the chunks the old one would have: the start of the next chunk (which may
 * lie before the end of the last one, by the overlap), the end of the last chunk emitted, and
 * the index of the next chunk. Offsets are in the original input: byte offsets count the bytes
 * of the source as they were (also where malformed bytes were replaced), code-point offsets
 * count the code points of the decoded text. Immutable.
 *
 * @param byteOffset source byte offset at which input must be fed again
 * @param codePointOffset code-point offset of that byte
 * @param previousEndByte byte offset of the end of the last chunk emitted, at or after {@code byteOffset}
 * @param previousEndCodePoint code-point offset of that end
 * @param nextIndex index of the next chunk
 * @param replacements malformed sequences replaced by U+FFFD so far
 */
public record ResumePoint(long byteOffset, long codePointOffset, long previousEndByte, long previousEndCodePoint, long nextIndex,
                          long replacements) {
    /** The start of a document. */
    public static final ResumePoint START = new ResumePoint(0, 0, 0, 0, 0, 0);

    /**
     * Validates the point.
     *
     * @throws InvalidOptionsException if an offset is negative or the next start lies after the previous end
     */
    public ResumePoint {
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
