package dev.chunking.spi;

/**
 * Counts tokens in text, for sizing chunks in tokens (the {@code TokenCounter} port). Found by
 * {@link #name()} through {@link java.util.ServiceLoader}; the built-in {@code "codepoints"}
 * counter counts Unicode code points. Implementations are immutable and thread-safe.
 *
 * <p>Chunkers search for the longest text that fits assuming counts do not shrink as text is
 * appended. Byte-pair encoders break that now and then; chunkers then check the chosen chunk and
 * step back a grapheme cluster at a time, so no chunk exceeds the maximum, but it may be
 * smaller than it could have been.
 */
public interface TokenCounter {
    /**
     * Returns the stable name used to select the counter.
     *
     * @return lower-case name without spaces
     */
    String name();

    /**
     * Counts the tokens of a text.
     *
     * @param text any text
     * @return the token count, 0 or more
     */
    int count(CharSequence text);

    /**
     * Returns how many code points one token spans at most in practice. A chunk sized in
     * tokens holds at most {@code maxSize * maxCodePointsPerToken()} code points, which bounds
     * the chunker's memory even for a counter that never reaches the maximum.
     *
     * @return at least 1; 16 unless overridden
     */
    default int maxCodePointsPerToken() {
        return 16;
    }

    /**
     * Returns a new splitter into the pieces this counter's count is the sum of, for one chunker
     * (not thread-safe), or null when counts are not sums over pieces. A chunker sizing in
     * tokens then counts each piece of text once instead of counting growing ranges again; the
     * chunks are the same either way.
     *
     * @return the splitter, or null (unless overridden)
     */
    default TokenPieces pieces() {
        return null;
    }
}
