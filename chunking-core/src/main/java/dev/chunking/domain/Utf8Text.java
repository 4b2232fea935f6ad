package dev.chunking.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Immutable text held as its UTF-8 bytes. Chunkers scan and cut UTF-8 directly, so a chunk's
 * text stays in UTF-8 until somebody asks for a {@link String}: sinks that write UTF-8 anyway
 * (JSON lines, databases, Redis) never pay for the UTF-16 copy. {@link #toString()} decodes
 * once and caches the result. Thread-safe: the cache is a benign race on an immutable value.
 */
public final class Utf8Text implements CharSequence, Comparable<Utf8Text> {
    private final byte[] utf8;
    private final int codePoints;
    private String decoded; // benign race, like String.hash

    private Utf8Text(byte[] utf8, int codePoints) {
        this.utf8 = utf8;
        this.codePoints = codePoints;
    }

    /**
     * Wraps a copy of a slice of well-formed UTF-8. The caller guarantees well-formedness;
     * use {@link #of(String)} for arbitrary text.
     *
     * @param utf8 the source bytes
     * @param offset first byte of the slice
     * @param length number of bytes
     * @param codePoints number of code points in the slice
     * @return the text
     */
    public static Utf8Text copyOf(byte[] utf8, int offset, int length, int codePoints) {
        return new Utf8Text(Arrays.copyOfRange(utf8, offset, offset + length), codePoints);
    }

    /**
     * Encodes a string. Lone surrogates are replaced by {@code ?} by the JDK encoder, so pass
     * only well-formed text.
     *
     * @param text the text
     * @return the text as UTF-8
     */
    public static Utf8Text of(String text) {
        Utf8Text result = new Utf8Text(text.getBytes(StandardCharsets.UTF_8), text.codePointCount(0, text.length()));
        result.decoded = text;
        return result;
    }

    /**
     * Returns how many UTF-8 bytes a char sequence takes, without encoding it: 1 to 3 per char,
     * 4 per surrogate pair. A lone surrogate counts 2 bytes, so that a pair cut between two
     * sequences still adds up to 4.
     *
     * @param text the text
     * @return its UTF-8 length in bytes
     */
    public static long encodedLength(CharSequence text) {
        long n = text.length();
        for (int i = 0, end = text.length(); i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }

    /**
     * Returns the number of UTF-8 bytes.
     *
     * @return the byte length
     */
    public int byteLength() {
        return utf8.length;
    }

    /**
     * Returns the number of Unicode code points.
     *
     * @return the code-point count
     */
    public int codePointLength() {
        return codePoints;
    }

    /**
     * Returns a copy of the UTF-8 bytes.
     *
     * @return a fresh array
     */
    public byte[] toByteArray() {
        return utf8.clone();
    }

    /**
     * Copies bytes {@code [from, to)} into {@code target} from {@code targetOffset}, without the
     * intermediate array of {@link #toByteArray()}.
     *
     * @param from index of the first byte, inclusive
     * @param to index after the last byte
     * @param target the array to copy into
     * @param targetOffset where the first byte goes
     * @throws IndexOutOfBoundsException if a range falls outside an array
     */
    public void copyBytes(int from, int to, byte[] target, int targetOffset) {
        System.arraycopy(utf8, from, target, targetOffset, to - from);
    }

    /**
     * Returns the byte at an index, for writers that escape UTF-8 in place.
     *
     * @param index from 0 to {@link #byteLength()} - 1
     * @return the byte
     */
    public byte byteAt(int index) {
        return utf8[index];
    }

    @Override
    public String toString() {
        String s = decoded;
        if (s == null) {
            s = new String(utf8, StandardCharsets.UTF_8);
            decoded = s;
        }
        return s;
    }

    @Override
    public int length() {
        return toString().length();
    }

    @Override
    public char charAt(int index) {
        return toString().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Utf8Text other && Arrays.equals(utf8, other.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public int compareTo(Utf8Text other) {
        return Arrays.compareUnsigned(utf8, other.utf8);
    }
}
