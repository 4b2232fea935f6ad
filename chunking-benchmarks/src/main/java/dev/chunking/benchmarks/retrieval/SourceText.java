package dev.chunking.benchmarks.retrieval;

import java.util.Objects;

/**
 * One document of the question set: its file name and text, with the maps between code-point
 * offsets (the unit of every {@link Span}) and UTF-16 indices of the Java string. Immutable and
 * thread-safe.
 */
public final class SourceText {
    private final String name;
    private final String text;
    private final int[] codePointToChar;
    private final int[] charToCodePoint;

    /**
     * Indexes a document's text.
     *
     * @param name the document's file name, as the questions name it
     * @param text the whole text
     */
    public SourceText(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
        int codePoints = text.codePointCount(0, text.length());
        codePointToChar = new int[codePoints + 1];
        charToCodePoint = new int[text.length() + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); ) {
            int next = text.offsetByCodePoints(i, 1);
            codePointToChar[cp] = i;
            for (int k = i; k < next; k++) {
                charToCodePoint[k] = cp;
            }
            cp++;
            i = next;
        }
        codePointToChar[codePoints] = text.length();
        charToCodePoint[text.length()] = codePoints;
    }

    /**
     * Returns the document's file name.
     *
     * @return such as {@code pino-api.md}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the whole text.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Returns the length in code points.
     *
     * @return code points in the text
     */
    public int codePoints() {
        return codePointToChar.length - 1;
    }

    /**
     * Returns the text a span covers.
     *
     * @param span code-point offsets within the text
     * @return that slice
     * @throws IllegalArgumentException if the span ends past the text
     */
    public String slice(Span span) {
        if (span.end() > codePoints()) {
            throw new IllegalArgumentException("span " + span + " ends past " + name + ", which has " + codePoints()
                    + " code points");
        }
        return text.substring(codePointToChar[span.start()], codePointToChar[span.end()]);
    }

    /**
     * Converts a UTF-16 index into a code-point offset; an index inside a surrogate pair maps to
     * the pair's code point.
     *
     * @param charIndex 0 to {@code text().length()}
     * @return the code-point offset
     */
    public int codePointAt(int charIndex) {
        return charToCodePoint[charIndex];
    }

    /**
     * Finds a quote in the text: it must occur exactly once.
     *
     * @param quote exact text, at least one character
     * @return its span
     * @throws IllegalArgumentException naming the document and the quote if it occurs zero or
     *     several times
     */
    public Span find(String quote) {
        if (quote.isEmpty()) {
            throw new IllegalArgumentException("an empty quote in " + name + "; quote 1-3 sentences of the answer");
        }
        int at = text.indexOf(quote);
        if (at < 0) {
            throw new IllegalArgumentException("quote not found in " + name + ": \"" + abbreviate(quote)
                    + "\"; copy it exactly, whitespace and line breaks included");
        }
        int again = text.indexOf(quote, at + 1);
        if (again >= 0) {
            throw new IllegalArgumentException("quote occurs more than once in " + name + " (at code points "
                    + codePointAt(at) + " and " + codePointAt(again) + "): \"" + abbreviate(quote)
                    + "\"; quote more of the surrounding text");
        }
        return new Span(codePointAt(at), codePointAt(at + quote.length()));
    }

    private static String abbreviate(String quote) {
        String flat = quote.replace("\n", "\\n");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
