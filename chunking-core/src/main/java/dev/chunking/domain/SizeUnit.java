package dev.chunking.domain;

import java.util.Locale;

/**
 * The unit in which chunk sizes, maxima and overlaps are measured.
 */
public enum SizeUnit {
    /** Unicode code points (not UTF-16 chars): an emoji outside the BMP counts as one. */
    CHARS("chars"),
    /** Tokens of the configured {@code TokenCounter}. */
    TOKENS("tokens");

    private final String label;

    SizeUnit(String label) {
        this.label = label;
    }

    /**
     * Returns the stable lower-case name used in JSON and on the command line.
     *
     * @return {@code "chars"} or {@code "tokens"}
     */
    public String label() {
        return label;
    }

    /**
     * Parses a label as written by {@link #label()}.
     *
     * @param label {@code "chars"} or {@code "tokens"}, case-insensitive
     * @return the unit
     * @throws InvalidOptionsException if the label is not known
     */
    public static SizeUnit parse(String label) {
        for (SizeUnit unit : values()) {
            if (unit.label.equals(label.toLowerCase(Locale.ROOT))) {
                return unit;
            }
        }
        throw new InvalidOptionsException("unit '" + label + "' is not known; use chars or tokens");
    }
}
