package dev.chunking.testing;

/** Code-point ranges of test text and what ends a paragraph there, computed the plain way. Stateless. */
public final class TextRanges {
    private TextRanges() {
    }

    /**
     * Returns the text between two code-point offsets.
     *
     * @param text the whole text
     * @param start the first code point
     * @param end the code point after the last
     * @return the slice
     */
    public static String slice(String text, long start, long end) {
        int from = text.offsetByCodePoints(0, Math.toIntExact(start));
        return text.substring(from, text.offsetByCodePoints(from, Math.toIntExact(end - start)));
    }

    /**
     * Returns whether text ends a paragraph: its trailing white space holds a blank line (two
     * line breaks, a CR LF counting once).
     *
     * @param text the text
     * @return whether it ends with a blank line
     */
    public static boolean endsParagraph(String text) {
        int end = text.length();
        while (end > 0 && " \t\f\u000B\r\n".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(end).replace("\r\n", "\n").replace('\r', '\n').chars().filter(ch -> ch == '\n').count() >= 2;
    }
}
