package dev.chunking.streaming.guard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a user-supplied path that need only its text, before the file system is asked
 * anything: characters, look-alikes, percent-encoded layers and the shape of the path. Stateless.
 */
final class PathText {
    /** How many layers of percent-encoding are decoded and checked. */
    static final int DECODE_ROUNDS = 3;

    /** Most combining marks in a row: the stream-safe limit of UAX #15. */
    static final int MAX_COMBINING_MARKS = 30;
    /** Hangul fillers: letters by category, invisible on screen. */
    private static final String INVISIBLE_FILLERS = "\u115f\u1160\u3164\uffa0";

    /**
     * Single look-alikes of '.', '/' and '\\' refused wherever they stand: those NFKC turns into
     * exactly one of them (full-width, small and one-dot-leader forms) and those it leaves alone
     * (division and fraction slashes, solidus and reverse-solidus operators, box diagonals).
     */
    private static final String LOOKALIKES = "\uff0e\ufe52\u2024\uff0f\uff3c\ufe68"
            + "\u2215\u2044\u29f8\u29f5\u29f9\u2216\u2571\u2572\u3033\u3035";

    private PathText() {
    }

    /**
     * Checks a path's text and splits it into its segments.
     *
     * @param argument the path as the user gave it
     * @param maxLength most chars allowed
     * @return the segments other than empty ones and {@code .}, in order; empty for the base itself
     * @throws PathRefusedException naming the first rule the text breaks
     */
    static List<String> segments(String argument, int maxLength) {
        if (argument.isEmpty()) {
            throw new PathRefusedException(argument, PathRule.EMPTY, "name a file under the base directory");
        }
        if (argument.length() > maxLength) {
            throw new PathRefusedException(argument, PathRule.TOO_LONG, "it has " + argument.length()
                    + " chars, more than the limit of " + maxLength + " (maxPathLength)");
        }
        PathRule rule = charRule(argument);
        if (rule == null) {
            rule = shapeRule(argument);
        }
        if (rule != null) {
            throw new PathRefusedException(argument, rule, hint(rule));
        }
        checkEncodedLayers(argument);
        List<String> segments = new ArrayList<>();
        for (String segment : argument.split("/", -1)) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The first rule the chars of {@code s} break, or null: malformed, control, invisible, look-alike. */
    private static PathRule charRule(String s) {
        boolean ascii = true;
        int marks = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))) {
                return PathRule.MALFORMED;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            marks = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK ? marks + 1 : 0;
            if (marks > MAX_COMBINING_MARKS) {
                return PathRule.MALFORMED; // not stream-safe text (UAX #15), and NFKC of it takes quadratic time
            }
            if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
                return PathRule.CONTROL_CHARACTER;
            }
            if (cp >= 0x80) {
                ascii = false;
                if (type == Character.FORMAT || INVISIBLE_FILLERS.indexOf(cp) >= 0) {
                    return PathRule.INVISIBLE_CHARACTER; // RLO, LRO, isolates, BOM, zero-width, soft hyphen, tags, Hangul fillers
                }
                if (LOOKALIKES.indexOf(cp) >= 0) {
                    return PathRule.LOOKALIKE;
                }
            }
        }
        if (!ascii) {
            String normal = Normalizer.normalize(s, Normalizer.Form.NFKC);
            // a new '/' or '\' is refused wherever it is; a new '.' only where it makes a traversal or a dot segment,
            // so that an ellipsis or a full-width dot inside a name ("Wait….md") passes
            if (!normal.equals(s) && (count(normal, '/') > count(s, '/') || count(normal, '\\') > count(s, '\\')
                    || shapeRule(normal) != null && shapeRule(s) == null)) {
                return PathRule.LOOKALIKE; // full-width '.', '/', '\', '~', ':' and the like
            }
        }
        return null;
    }

    /** The first rule the shape of {@code s} breaks, or null: URI, absolute, home, drive or UNC, backslash, segments. */
    private static PathRule shapeRule(String s) {
        if (isUri(s)) {
            return PathRule.URI;
        }
        if (s.startsWith("/")) {
            return PathRule.ABSOLUTE;
        }
        if (s.startsWith("~")) {
            return PathRule.HOME;
        }
        if (s.startsWith("\\\\") || s.length() >= 2 && s.charAt(1) == ':' && isAsciiLetter(s.charAt(0))) {
            return PathRule.DRIVE_OR_UNC;
        }
        if (s.indexOf('\\') >= 0) {
            return PathRule.BACKSLASH;
        }
        for (String segment : s.split("/", -1)) {
            if (segment.equals("..")) {
                return PathRule.PARENT_SEGMENT;
            }
            if (!segment.isEmpty() && !segment.equals(".") && onlyDotsAndSpaces(segment)) {
                return PathRule.DOT_SEGMENT;
            }
        }
        return null;
    }

    /** Decodes up to {@value #DECODE_ROUNDS} layers of percent-encoding and refuses a layer that breaks a rule. */
    private static void checkEncodedLayers(String argument) {
        String layer = argument;
        for (int round = 1; round <= DECODE_ROUNDS; round++) {
            byte[] bytes = percentDecode(layer);
            if (bytes == null) {
                return; // no escape left: nothing hides under this layer
            }
            if (hasOverlong(bytes)) {
                throw new PathRefusedException(argument, PathRule.OVERLONG_ENCODING, "after " + round
                        + " round(s) of percent-decoding; name the file by its plain characters");
            }
            // bytes that are not UTF-8 become U+FFFD, and the layers go on: one bad byte must not hide the rest
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            PathRule inner = decoded.isEmpty() ? null : charRule(decoded);
            if (inner == null && !decoded.isEmpty()) {
                inner = shapeRule(decoded);
            }
            if (inner != null) {
                throw new PathRefusedException(argument, PathRule.ENCODED_TRAVERSAL, "after " + round
                        + " round(s) of percent-decoding it breaks " + inner + " (" + inner.description() + ")");
            }
            layer = decoded;
        }
    }

    /** The bytes of {@code s} with {@code %XX} and {@code %uXXXX} escapes decoded, or null when it has none. */
    private static byte[] percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        boolean decodedAny = false;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && hex(s, i + 1, 2) >= 0) {
                out.write(hex(s, i + 1, 2));
                i += 3;
                decodedAny = true;
            } else if (c == '%' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                    && hex(s, i + 2, 4) >= 0) {
                byte[] utf8 = String.valueOf((char) hex(s, i + 2, 4)).getBytes(StandardCharsets.UTF_8); // IIS-style %uXXXX
                out.write(utf8, 0, utf8.length);
                i += 6;
                decodedAny = true;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i = end;
            }
        }
        return decodedAny ? out.toByteArray() : null;
    }

    /** The value of {@code digits} hex digits at {@code from}, or -1. */
    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                return -1; // Character.digit also takes full-width digits
            }
            value = value << 4 | d;
        }
        return value;
    }

    /**
     * Whether the bytes hold an overlong or out-of-range UTF-8 sequence: C0, C1 or F5..FF before a
     * continuation byte, E0 before 80..9F, F0 before 80..8F. A lead before anything else is just
     * not UTF-8 ({@code %c0ffee.md}), which decodes to U+FFFD.
     */
    private static boolean hasOverlong(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            int x = b[i] & 0xFF;
            int next = b[i + 1] & 0xFF;
            boolean continuation = next >= 0x80 && next <= 0xBF;
            if ((x == 0xC0 || x == 0xC1 || x >= 0xF5) && continuation || x == 0xE0 && next >= 0x80 && next <= 0x9F
                    || x == 0xF0 && next >= 0x80 && next <= 0x8F) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUri(String s) {
        int colon = s.indexOf("://");
        if (colon < 1 || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean onlyDotsAndSpaces(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) != '.' && segment.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
            n++;
        }
        return n;
    }

    private static String hint(PathRule rule) {
        switch (rule) {
            case ABSOLUTE:
            case HOME:
            case DRIVE_OR_UNC:
            case URI:
                return "give the path relative to the base directory";
            case PARENT_SEGMENT:
            case DOT_SEGMENT:
                return "name a file inside the base directory without '..'";
            case BACKSLASH:
                return "separate directories with '/'";
            default:
                return "rename the file or give its plain name";
        }
    }
}
