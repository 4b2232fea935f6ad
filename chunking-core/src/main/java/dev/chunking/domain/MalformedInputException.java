package dev.chunking.domain;

import java.util.HexFormat;

/**
 * Thrown when input that must be UTF-8 is not: a stray continuation byte, an overlong or
 * surrogate encoding, a byte that never occurs in UTF-8, or a sequence cut off by the end of
 * input; or, for char input (a Java {@code String}), a lone surrogate, which has no UTF-8
 * encoding ({@link #loneSurrogate}). The exception carries the absolute byte offset of the first
 * bad byte.
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

    private MalformedInputException(String message, long byteOffset) {
        super(message);
        this.byteOffset = byteOffset;
        this.badBytesHex = "";
    }

    /**
     * Creates the exception for a lone surrogate in char input: a high surrogate not followed by a
     * low one, or a low one not after a high one. The message names the char and its index in
     * the chars fed, not bytes, since the text is not bytes yet.
     *
     * @param surrogate the lone surrogate
     * @param charIndex its index among the chars fed to the chunker
     * @param byteOffset the byte offset in the document's UTF-8 where it stands
     * @return the exception, with no bad bytes ({@link #badBytesHex()} is empty)
     */
    public static MalformedInputException loneSurrogate(char surrogate, long charIndex, long byteOffset) {
        return new MalformedInputException("lone surrogate U+" + HexFormat.of().withUpperCase().toHexDigits(surrogate)
                + " at char index " + charIndex + " (UTF-8 byte offset " + byteOffset + "); a Java String must hold a"
                + " surrogate only as half of a high-low pair: fix the code that made the text (e.g. a substring cut"
                + " inside a pair)", byteOffset);
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
     * @return for example {@code "C3"} for a lone lead byte; empty for a lone surrogate in char input
     */
    public String badBytesHex() {
        return badBytesHex;
    }
}
