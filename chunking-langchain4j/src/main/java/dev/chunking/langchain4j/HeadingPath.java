package dev.chunking.langchain4j;

import dev.chunking.domain.InvalidOptionsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The heading path as one metadata string: a JSON array of JSON strings, since LangChain4j's
 * metadata holds no lists and a heading may contain any separator. Quotes, backslashes and
 * control characters are escaped; every other character is written as it is. Stateless and
 * thread-safe.
 */
final class HeadingPath {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HeadingPath() {
    }

    /** Writes the headings as a JSON array of strings, such as {@code ["Install","On Linux"]}. */
    static String encode(List<String> headings) {
        StringBuilder out = new StringBuilder(16 * headings.size() + 2).append('[');
        for (int i = 0; i < headings.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            String heading = headings.get(i);
            for (int j = 0; j < heading.length(); j++) {
                char c = heading.charAt(j);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
        return out.append(']').toString();
    }

    /**
     * Reads a JSON array of strings, with the escapes of RFC 8259; no whitespace outside the
     * strings except spaces, tabs and line breaks.
     *
     * @throws InvalidOptionsException naming the position when the text is not such an array
     */
    static List<String> decode(String json) {
        List<String> headings = new ArrayList<>();
        int[] at = {skipSpace(json, 0)};
        expect(json, at, '[');
        at[0] = skipSpace(json, at[0]);
        if (at[0] < json.length() && json.charAt(at[0]) == ']') {
            at[0]++;
        } else {
            while (true) {
                at[0] = skipSpace(json, at[0]);
                headings.add(string(json, at));
                at[0] = skipSpace(json, at[0]);
                if (at[0] < json.length() && json.charAt(at[0]) == ',') {
                    at[0]++;
                    continue;
                }
                expect(json, at, ']');
                break;
            }
        }
        int end = skipSpace(json, at[0]);
        if (end != json.length()) {
            throw malformed(json, end, "text after the array");
        }
        return List.copyOf(headings);
    }

    private static String string(String json, int[] at) {
        expect(json, at, '"');
        StringBuilder out = new StringBuilder();
        int i = at[0];
        while (true) {
            if (i >= json.length()) {
                throw malformed(json, i, "an unterminated string");
            }
            char c = json.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= json.length()) {
                throw malformed(json, i, "an unterminated escape");
            }
            char e = json.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > json.length()) {
                        throw malformed(json, i, "a short \\u escape");
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(json.charAt(i++), 16);
                        if (digit < 0) {
                            throw malformed(json, i - 1, "a \\u escape that is not hexadecimal");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw malformed(json, i - 1, "the unknown escape \\" + e);
            }
        }
        at[0] = i;
        return out.toString();
    }

    private static void expect(String json, int[] at, char c) {
        if (at[0] >= json.length() || json.charAt(at[0]) != c) {
            throw malformed(json, at[0], "no '" + c + "'");
        }
        at[0]++;
    }

    private static int skipSpace(String json, int from) {
        int i = from;
        while (i < json.length() && (json.charAt(i) == ' ' || json.charAt(i) == '\t' || json.charAt(i) == '\n'
                || json.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static InvalidOptionsException malformed(String json, int at, String what) {
        String shown = json.length() > 80 ? json.substring(0, 80) + "..." : json;
        return new InvalidOptionsException("metadata " + SegmentMetadata.HEADINGS + " is not a JSON array of strings: "
                + what + " at char " + at + " of '" + shown + "'; it is written by ChunkingDocumentSplitter, read only"
                + " segments it made");
    }
}
