package dev.chunking.benchmarks.retrieval;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The plain fixed window: the document's tokens (an OpenAI encoding through jtokkit) or code
 * points, cut every {@code size - overlap} units into windows of {@code size}, whatever the text
 * says; the last window ends at the end. A window's span runs from the code point holding its first
 * token's first byte to the code point holding the first byte of the token after its last (a token
 * may end inside a multi-byte character, which then belongs to the later window). Thread-safe
 * (jtokkit's encodings are).
 */
public final class TokenWindowSplitter implements Splitter {
    private final String name;
    private final int size;
    private final int step;
    private final Encoding encoding;

    /**
     * Configures the window.
     *
     * @param name the row name
     * @param size tokens (or code points) per window, at least 1
     * @param overlap units each window repeats of the one before, 0 to {@code size - 1}
     * @param encoding the encoding that counts tokens, or {@code null} to count code points
     */
    public TokenWindowSplitter(String name, int size, int overlap, Encoding encoding) {
        if (size < 1 || overlap < 0 || overlap >= size) {
            throw new IllegalArgumentException("window size " + size + " and overlap " + overlap
                    + " need size >= 1 and 0 <= overlap < size");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.size = size;
        this.step = size - overlap;
        this.encoding = encoding;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<RetrievalUnit> split(SourceText document) {
        int[] bounds = encoding == null ? codePointBounds(document) : tokenBounds(document);
        int units = bounds.length - 1;
        List<RetrievalUnit> out = new ArrayList<>();
        for (int first = 0; first < units; first += step) {
            int last = Math.min(units, first + size);
            Span span = new Span(bounds[first], bounds[last]);
            if (span.length() > 0) {
                out.add(RetrievalUnit.of(document.name(), span));
            }
            if (last == units) {
                break;
            }
        }
        return out;
    }

    private static int[] codePointBounds(SourceText document) {
        int[] bounds = new int[document.codePoints() + 1];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = i;
        }
        return bounds;
    }

    /**
     * Code-point offsets of every token boundary: entry {@code t} is the code point holding token
     * {@code t}'s first byte, the last entry is the end of the text. A boundary inside a
     * multi-byte character is so rounded down: that character goes to the later window.
     */
    private int[] tokenBounds(SourceText document) {
        String text = document.text();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] codePointOfByte = new int[utf8.length + 1];
        int cp = -1;
        for (int b = 0; b < utf8.length; b++) {
            if ((utf8[b] & 0xC0) != 0x80) {
                cp++;
            }
            codePointOfByte[b] = cp;
        }
        codePointOfByte[utf8.length] = cp + 1;
        IntArrayList tokens = encoding.encodeOrdinary(text);
        int[] bounds = new int[tokens.size() + 1];
        IntArrayList one = new IntArrayList(1);
        int offset = 0;
        for (int t = 0; t < tokens.size(); t++) {
            bounds[t] = codePointOfByte[offset];
            one.clear();
            one.add(tokens.get(t));
            offset += encoding.decodeBytes(one).length;
        }
        if (offset != utf8.length) {
            throw new IllegalStateException("the tokens of " + document.name() + " decode to " + offset + " bytes, not "
                    + utf8.length);
        }
        bounds[tokens.size()] = codePointOfByte[utf8.length];
        return bounds;
    }
}
