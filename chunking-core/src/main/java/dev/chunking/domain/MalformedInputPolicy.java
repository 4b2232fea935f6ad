package dev.chunking.domain;

/** What a chunker does with bytes that are not well-formed UTF-8. */
public enum MalformedInputPolicy {
    /** Stop with a {@link MalformedInputException} naming the byte offset and the bad bytes (the default). */
    REPORT,
    /**
     * Replace each maximal ill-formed subpart by U+FFFD, as the Unicode standard recommends,
     * and count the replacements. {@code new String(bytes, UTF_8)} does the same except for
     * encoded surrogates ({@code ED A0..BF ..}), which it replaces by one U+FFFD where the
     * standard, and this library, put one per byte. Byte offsets stay exact against the original
     * bytes; code-point offsets count the replaced text.
     */
    REPLACE
}
