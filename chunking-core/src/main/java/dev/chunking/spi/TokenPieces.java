package dev.chunking.spi;

/**
 * The pieces a {@link TokenCounter}'s count is the sum of, for a counter that splits text before
 * counting: a byte-pair encoding splits text into pre-tokenizer pieces (by a regular expression)
 * and no token crosses a piece. A chunker then counts each piece of its window once and adds,
 * instead of counting growing ranges of text again and again. Obtained from
 * {@link TokenCounter#pieces()}, one per chunker; not thread-safe.
 *
 * <p>An implementation promises, for every text {@code s}:
 * <ul>
 *   <li>{@link #next next(s, from, limit)} and {@link #reach()} after it depend only on the
 *       characters {@code s[from, reach())}, so they are the same for every text and every
 *       {@code limit >= reach()} that agree with {@code s} there (a piece depends on no text
 *       before it);</li>
 *   <li>{@code counter.count(s)} equals the sum of {@link #count count} over the pieces
 *       {@code [p0, p1), [p1, p2), ...} found by {@code p(i+1) = next(s, p(i), s.length())} from
 *       {@code p0 = 0}, plus {@code counter.count} of the rest of {@code s} after the last piece
 *       found (where {@code next} returned -1).</li>
 * </ul>
 */
public interface TokenPieces {
    /**
     * Finds the piece that starts at {@code from}, looking at the text before {@code limit} only.
     *
     * @param text the text
     * @param from where the piece starts, {@code 0 <= from < limit}
     * @param limit the end of the text that may be looked at, at most {@code text.length()}
     * @return the end of the piece, in {@code (from, limit]}; or -1 when the text before
     *     {@code limit} does not decide it, because more text could change it
     */
    int next(CharSequence text, int from, int limit);

    /**
     * Returns the end of the text the last {@link #next} that found a piece looked at: that piece
     * is the same in every text that agrees with this one up to here.
     *
     * @return an index at most that call's {@code limit}
     */
    int reach();

    /**
     * Counts the tokens of one piece that {@link #next} found.
     *
     * @param text the text
     * @param from the piece's start
     * @param to the piece's end
     * @return the piece's token count, as the counter counts it alone
     */
    int count(CharSequence text, int from, int to);
}
