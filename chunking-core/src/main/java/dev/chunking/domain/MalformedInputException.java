package dev.chunking.domain;

import java.util.HexFormat;

/**
 * Thrown when input that must be UTF-8 is not: a stray continuation byte, an overlong or
 * surrogate encoding, a byte that never occurs in UTF-8, or a sequence cut off by the end of
 * input. The exception carries the absolute byte offset of the first bad byte.
 */
public class MalformedInputException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    private final long byteOffset;
    private final String badBytesHex;

    /**
     * Creates the exception.
     *
     * @param byteOffset absolute offset, in bytes from the start of the document, of the first bad byte
     * @param badBytes the offending bytes (copied)
     * @param reason a short description such as "truncated sequence"
     */
    public MalformedInputException(long byteOffset, byte[] badBytes, String reason) {
        super("malformed UTF-8 at byte offset " + byteOffset + ": " + reason + " (bytes "
                + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(badBytes)
                + "); fix the input encoding or convert it to UTF-8");
        this.byteOffset = byteOffset;
        this.badBytesHex = HexFormat.of().withUpperCase().formatHex(badBytes);
    }

    /**
     * Returns the absolute byte offset of the first bad byte.
     *
     * @return offset in bytes from the start of the document
     */
    public long byteOffset() {
        return byteOffset;
    }

    /**
     * Returns the offending bytes as upper-case hexadecimal without separators.
     *
     * @return for example {@code "C3"} for a lone lead byte
     */
    public String badBytesHex() {
        return badBytesHex;
    }
}
