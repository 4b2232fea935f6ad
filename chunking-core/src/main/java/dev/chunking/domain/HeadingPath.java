package dev.chunking.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A heading path ({@link ChunkMetadata#headings()}) as one string, for metadata that holds only
 * strings and numbers (framework documents, vector stores): a compact JSON array of JSON strings,
 * outermost heading first, such as {@code ["Install","On Linux"]}. Exact and unambiguous, since a
 * heading may hold any character, a separator such as {@code " > "} included. Quotes, backslashes
 * and control characters are escaped; every other character is written as it is, so the text stays
 * readable. The framework bridges write their heading-path metadata key with {@link #toJson(List)},
 * so the same path is the same string in every one of them. Stateless and thread-safe.
 */
public final class HeadingPath {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Longest part of a malformed value quoted in a message, in chars. */
    private static final int QUOTED_LENGTH = 80;

    private HeadingPath() {
    }

    /**
     * Writes headings as a compact JSON array of strings, such as {@code ["Install","On Linux"]};
     * an empty path is {@code []}.
     *
     * @param headings the heading path, outermost first
     * @return the JSON array
     * @throws InvalidOptionsException if the list or one of its headings is null
     */
    public static String toJson(List<String> headings) {
        if (headings == null || headings.stream().anyMatch(Objects::isNull)) {
            throw new InvalidOptionsException("heading path " + headings + " is or holds null; give a list of"
                    + " non-null headings (List.of() for none)");
        }
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
     * Reads a heading path back from a JSON array of strings, with the escapes of RFC 8259
     * (whitespace outside the strings: spaces, tabs and line breaks only). Reads every value
     * {@link #toJson(List)} writes back to the list it was written from.
     *
     * @param json the JSON array
     * @param name what the text is, for the message, such as {@code "metadata chunking_headings"}
     * @return the headings, outermost first; unmodifiable
     * @throws InvalidOptionsException naming the value, what is wrong and at which char, when the
     *     text is not such an array
     */
    public static List<String> fromJson(String json, String name) {
        if (json == null) {
            throw new InvalidOptionsException(name + " is null, not a JSON array of strings; read only values"
                    + " HeadingPath.toJson wrote");
        }
        return new Reader(json, name).array();
    }

    /** One pass over one text, remembering where it is and what the text is called. */
    private static final class Reader {
        private final String json;
        private final String name;
        private int at;

        Reader(String json, String name) {
            this.json = json;
            this.name = name;
        }

        List<String> array() {
            List<String> headings = new ArrayList<>();
            skipSpace();
            expect('[');
            skipSpace();
            if (at < json.length() && json.charAt(at) == ']') {
                at++;
            } else {
                while (true) {
                    skipSpace();
                    headings.add(string());
                    skipSpace();
                    if (at < json.length() && json.charAt(at) == ',') {
                        at++;
                        continue;
                    }
                    expect(']');
                    break;
                }
            }
            skipSpace();
            if (at != json.length()) {
                throw malformed(at, "text after the array");
            }
            return List.copyOf(headings);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= json.length()) {
                    throw malformed(at, "an unterminated string");
                }
                char c = json.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    out.append(escaped());
                } else {
                    out.append(c);
                }
            }
        }

        /** The char of the escape after a backslash. */
        private char escaped() {
            if (at >= json.length()) {
                throw malformed(at, "an unterminated escape");
            }
            char e = json.charAt(at++);
            return switch (e) {
                case '"', '\\', '/' -> e;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> unicode();
                default -> throw malformed(at - 1, "the unknown escape \\" + e);
            };
        }

        private char unicode() {
            if (at + 4 > json.length()) {
                throw malformed(at, "a short \\u escape");
            }
            int code = 0;
            for (int k = 0; k < 4; k++) {
                int digit = Character.digit(json.charAt(at++), 16);
                if (digit < 0) {
                    throw malformed(at - 1, "a \\u escape that is not hexadecimal");
                }
                code = code * 16 + digit;
            }
            return (char) code;
        }

        private void expect(char c) {
            if (at >= json.length() || json.charAt(at) != c) {
                throw malformed(at, "no '" + c + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (at < json.length() && (json.charAt(at) == ' ' || json.charAt(at) == '\t' || json.charAt(at) == '\n'
                    || json.charAt(at) == '\r')) {
                at++;
            }
        }

        private InvalidOptionsException malformed(int where, String what) {
            String shown = json.length() > QUOTED_LENGTH ? json.substring(0, QUOTED_LENGTH) + "..." : json;
            return new InvalidOptionsException(name + " is not a JSON array of strings: " + what + " at char " + where
                    + " of '" + shown + "'; read only values HeadingPath.toJson wrote");
        }
    }
}
