package dev.chunking.strategy.internal;

import dev.chunking.domain.MalformedInputException;
import java.util.Arrays;

/**
 * Strict UTF-8 decoding of one code point at a time, as RFC 3629 defines it: no overlong
 * forms, no surrogates, nothing above U+10FFFF. Stateless and thread-safe.
 */
final class Utf8 {
    /** Returned by {@link #decode} when the sequence is cut off by the end of the bytes at hand. */
    static final int INCOMPLETE = -1;

    private Utf8() {
    }

    /**
     * Whether a byte is a continuation byte ({@code 10xxxxxx}).
     *
     * @param b any byte
     * @return true for 0x80 to 0xBF
     */
    static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * Returns the number of bytes of the sequence a valid lead byte starts.
     *
     * @param lead a lead byte of a valid sequence
     * @return 1 to 4
     */
    static int sequenceLength(int lead) {
        int b = lead & 0xFF;
        return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }

    /**
     * Returns the number of UTF-8 bytes a code point takes.
     *
     * @param cp a code point
     * @return 1 to 4
     */
    static int encodedLength(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /**
     * Decodes the non-ASCII sequence starting at {@code i}.
     *
     * @param buf the bytes
     * @param i index of a byte with the high bit set
     * @param limit index after the last byte available
     * @param endOfInput whether no more bytes will follow {@code limit}
     * @param absoluteOffset document offset of {@code buf[i]}, for the error message
     * @return the code point, or {@link #INCOMPLETE} if more bytes are needed and may still come
     * @throws MalformedInputException if the sequence is malformed
     */
    static int decode(byte[] buf, int i, int limit, boolean endOfInput, long absoluteOffset) {
        int lead = buf[i] & 0xFF;
        int need;
        int min2 = 0x80;
        int max2 = 0xBF;
        int cp;
        if (lead >= 0xC2 && lead <= 0xDF) {
            need = 1;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            need = 2;
            cp = lead & 0x0F;
            if (lead == 0xE0) {
                min2 = 0xA0; // shorter forms are overlong
            } else if (lead == 0xED) {
                max2 = 0x9F; // U+D800..U+DFFF are surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            need = 3;
            cp = lead & 0x07;
            if (lead == 0xF0) {
                min2 = 0x90;
            } else if (lead == 0xF4) {
                max2 = 0x8F; // above U+10FFFF
            }
        } else {
            String reason = lead < 0xC0 ? "stray continuation byte"
                    : lead < 0xC2 ? "overlong encoding" : "byte that never occurs in UTF-8";
            throw new MalformedInputException(absoluteOffset, new byte[] {(byte) lead}, reason);
        }
        int available = Math.min(need, limit - i - 1);
        for (int k = 1; k <= available; k++) {
            int b = buf[i + k] & 0xFF;
            int lo = k == 1 ? min2 : 0x80;
            int hi = k == 1 ? max2 : 0xBF;
            if (b < lo || b > hi) {
                String reason = (b & 0xC0) != 0x80 ? "sequence cut short by a non-continuation byte"
                        : lead == 0xED ? "encoded surrogate" : lead == 0xF4 ? "code point above U+10FFFF" : "overlong encoding";
                throw new MalformedInputException(absoluteOffset, Arrays.copyOfRange(buf, i, i + k + 1), reason);
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        if (available < need) {
            if (endOfInput) {
                throw new MalformedInputException(absoluteOffset, Arrays.copyOfRange(buf, i, limit),
                        "sequence truncated by the end of input");
            }
            return INCOMPLETE;
        }
        return cp;
    }

    /**
     * Returns the length of the maximal ill-formed subpart at {@code i}: the lead byte and the
     * continuation bytes after it that could still have begun a valid sequence, which the
     * Unicode standard replaces by one U+FFFD.
     *
     * @param buf the bytes
     * @param i index of a byte where {@link #decode} found malformed input
     * @param limit index after the last byte available
     * @return 1 to 3
     */
    static int maximalSubpart(byte[] buf, int i, int limit) {
        int lead = buf[i] & 0xFF;
        int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
        int min2 = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int max2 = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        int k = 1;
        while (k <= need && i + k < limit) {
            int b = buf[i + k] & 0xFF;
            if (b < (k == 1 ? min2 : 0x80) || b > (k == 1 ? max2 : 0xBF)) {
                break;
            }
            k++;
        }
        return k;
    }
}
