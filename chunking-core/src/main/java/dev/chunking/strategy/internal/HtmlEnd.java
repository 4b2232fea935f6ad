package dev.chunking.strategy.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Looks for the end of an HTML block of CommonMark types 1 to 5 ({@code </script>},
 * {@code -->}, {@code ?>}, {@code >}, {@code ]]>}) in the part of a very long line that the
 * Markdown reader does not keep, byte by byte, remembering the last few bytes so a marker cut
 * between two pieces is still found. Not thread-safe.
 */
final class HtmlEnd {
    private static final int KEEP = 11; // the longest marker: </textarea>
    private final byte[] last = new byte[KEEP];
    private int filled;
    private boolean ended;

    /** Starts a new long line, whose first {@code length} bytes are in {@code line}. */
    void reset(byte[] line, int length) {
        filled = Math.min(KEEP, length);
        System.arraycopy(line, length - filled, last, KEEP - filled, filled);
        ended = false;
    }

    /** Whether the end marker was seen since the last reset. */
    boolean ended() {
        return ended;
    }

    /** Reads the bytes {@code [from, to)} of the line, for the end of a block of the given type. */
    void scan(byte[] buf, int from, int to, int type) {
        for (int i = from; i < to && !ended; i++) {
            System.arraycopy(last, 1, last, 0, KEEP - 1);
            last[KEEP - 1] = buf[i];
            filled = Math.min(KEEP, filled + 1);
            if (buf[i] == '>' && endsHere(type)) {
                ended = true;
            }
        }
    }

    /** Writes the bytes remembered and whether the end was seen, for a resume point inside a long line. */
    void save(StateWriter out) {
        out.bytes(last, KEEP - filled, filled).flag(ended);
    }

    /** Takes over what {@link #save} wrote. */
    void restore(StateReader in) {
        byte[] b = in.bytes();
        filled = Math.min(KEEP, b.length);
        System.arraycopy(b, b.length - filled, last, KEEP - filled, filled);
        ended = in.flag();
    }

    private boolean endsHere(int type) {
        String tail = new String(last, KEEP - filled, filled, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        switch (type) {
            case 1:
                return tail.endsWith("</script>") || tail.endsWith("</pre>") || tail.endsWith("</style>")
                        || tail.endsWith("</textarea>");
            case 2:
                return tail.endsWith("-->");
            case 3:
                return tail.endsWith("?>");
            case 5:
                return tail.endsWith("]]>");
            default:
                return true; // type 4 ends at any >
        }
    }
}
