package dev.chunking.domain;

/**
 * Thrown when a {@link dev.chunking.application.PathGuard} refuses a user-supplied path. The
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
     * Escapes a string for a one-line message: control, format, separator and unpaired surrogate
     * chars become {@code \\uXXXX}, a backslash stays as it is, and the result is cut to
     * {@value #SHOWN_CHARS} chars with an ellipsis.
     *
     * @param s any string, or null
     * @return the escaped string
     */
    public static String shown(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), SHOWN_CHARS) + 8);
        int i = 0;
        for (; i < s.length() && out.length() < SHOWN_CHARS; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE && !paired || c == '\'') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < s.length() ? out + "..." : out.toString();
    }
}
