package dev.chunking.streaming.guard;

import dev.chunking.domain.ChunkingException;

/**
 * Thrown when a {@link dev.chunking.streaming.guard.PathGuard} refuses a user-supplied path. The
 * message names the argument (with control and invisible characters escaped, and cut to at
 * most {@value #SHOWN_CHARS} chars, so it stays one harmless line) and the {@link PathRule} that
 * refused it, and never where a symbolic link outside the base directory points. Nothing at
 * the path has been read. Immutable and thread-safe.
 */
public class PathRefusedException extends ChunkingException {
    private static final long serialVersionUID = 1L;
    /** Most chars of the argument a message shows. */
    public static final int SHOWN_CHARS = 120;

    private final PathRule rule;
    private final String argument;

    /**
     * Creates the exception.
     *
     * @param argument the path as the user gave it; shown escaped
     * @param rule the rule that refused it
     * @param detail what to change, or more about the refusal; must not name anything outside the base
     */
    public PathRefusedException(String argument, PathRule rule, String detail) {
        super("path '" + shown(argument) + "' refused (" + rule + ": " + rule.description() + ")"
                + (detail.isEmpty() ? "" : "; " + detail));
        this.rule = rule;
        this.argument = shown(argument);
    }

    /**
     * Returns the rule that refused the path.
     *
     * @return the rule
     */
    public PathRule rule() {
        return rule;
    }

    /**
     * Returns the path as the user gave it, escaped for display as the message shows it.
     *
     * @return the escaped argument
     */
    public String argument() {
        return argument;
    }

    /**
     * Escapes a string for a one-line message, code point by code point: control, format,
     * separator, private-use, unassigned and unpaired surrogate code points, variation selectors,
     * Hangul fillers and the quote become {@code \\uXXXX} (or {@code \\u{XXXXX}} above the BMP);
     * the result is cut to about {@value #SHOWN_CHARS} chars, never inside a pair, with an ellipsis.
     *
     * @param s any string, or null
     * @return the escaped string
     */
    public static String shown(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), SHOWN_CHARS) + 16);
        int i = 0;
        while (i < s.length() && out.length() < SHOWN_CHARS) {
            int cp = s.codePointAt(i);
            if (hidden(cp)) {
                out.append(cp > 0xFFFF ? String.format("\\u{%x}", cp) : String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return i < s.length() ? out + "..." : out.toString();
    }

    private static boolean hidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED || cp == '\'' || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF
                || cp == 0x034F || cp >= 0x180B && cp <= 0x180F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
    }
}
