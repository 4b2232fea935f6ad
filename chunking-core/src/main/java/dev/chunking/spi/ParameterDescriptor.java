package dev.chunking.spi;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.InvariantViolationException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One strategy parameter described once: its name, the type of its value, its default, the
 * values it accepts and a line of help. A strategy lists its descriptors in
 * {@link ChunkingStrategy#parameterDescriptors()}; {@code Chunking} checks every value given
 * against its descriptor before a chunker opens, the strategy reads values through
 * {@link #value} and {@link #intValue} (checked the same way), and the command line builds its
 * options and help from the descriptors, so a default or a range is written down in one place.
 * What a descriptor cannot say (sizes strictly decreasing, say) the strategy checks itself, and
 * refuses a value by throwing {@link InvalidOptionsException}, as {@link #check} does, with a
 * message naming the parameter, the value, what is accepted and the option ({@code --name}): the
 * command line then exits with status 2 and that one line, where any other exception would be
 * taken for a bug of the plugin (status 1). Immutable and thread-safe.
 *
 * @param name the parameter name in {@link ChunkingOptions#parameters()}: lower-case letters,
 *     digits and {@code -}, starting with a letter, at most 64 chars; the command-line option is
 *     {@code --name}
 * @param type what a value must look like
 * @param defaultValue the value used when the parameter is not set, in the form a value is
 *     given; empty when there is none (the help then says what happens without it)
 * @param range the values accepted, in a form fixed by the type: {@code MIN..MAX} for
 *     {@link Type#INTEGER}, {@link Type#DECIMAL} and (for each element) {@link Type#INTEGER_LIST};
 *     the choices separated by {@code |} for {@link Type#CHOICE}; empty for {@link Type#PLUGIN}
 *     and {@link Type#TEXT}
 * @param help what the parameter does, one line without the default or range (they are added
 *     where the help is shown)
 */
public record ParameterDescriptor(String name, Type type, String defaultValue, String range, String help) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");
    private static final String RANGE_SEPARATOR = "..";

    /** What a parameter's value must look like. */
    public enum Type {
        /** A whole number ({@code int}) within the range {@code MIN..MAX}. */
        INTEGER,
        /** A decimal number within the range {@code MIN..MAX}, such as {@code 0.75}. */
        DECIMAL,
        /** Comma-separated whole numbers ({@code int}), each within the range {@code MIN..MAX}. */
        INTEGER_LIST,
        /** One of a fixed set of words, the range {@code a|b|c}. */
        CHOICE,
        /** The name of a plugin, such as an embedder, looked up when a chunker opens; not blank. */
        PLUGIN,
        /** Any text. */
        TEXT
    }

    /**
     * Validates the description.
     *
     * @throws InvalidOptionsException if a component is missing, the range does not fit the
     *     type, or the default is not an accepted value (a bug of the strategy describing it)
     */
    public ParameterDescriptor {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidOptionsException("parameter name '" + name + "' is not lower-case letters, digits and '-'"
                    + " (at most 64, starting with a letter)");
        }
        if (type == null || defaultValue == null || range == null || help == null || help.isBlank()
                || help.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidOptionsException("parameter " + name + ": type, default (empty for none), range and a one-line"
                    + " help must be given");
        }
        checkRange(name, type, range);
        if (!defaultValue.isEmpty() && problem(type, range, defaultValue) != null) {
            throw new InvalidOptionsException("parameter " + name + ": default '" + defaultValue + "' is not accepted by "
                    + type + " " + range);
        }
    }

    /**
     * Describes a whole-number parameter.
     *
     * @param name the parameter name
     * @param defaultValue the default, within the range
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @param help what it does
     * @return the descriptor
     */
    public static ParameterDescriptor integer(String name, int defaultValue, int min, int max, String help) {
        return new ParameterDescriptor(name, Type.INTEGER, Integer.toString(defaultValue), min + RANGE_SEPARATOR + max, help);
    }

    /**
     * Describes a decimal parameter.
     *
     * @param name the parameter name
     * @param defaultValue the default, within the range, as it is written
     * @param min the smallest value accepted, as it is written
     * @param max the largest value accepted, as it is written
     * @param help what it does
     * @return the descriptor
     */
    public static ParameterDescriptor decimal(String name, String defaultValue, String min, String max, String help) {
        return new ParameterDescriptor(name, Type.DECIMAL, defaultValue, min + RANGE_SEPARATOR + max, help);
    }

    /**
     * Describes a parameter that lists whole numbers.
     *
     * @param name the parameter name
     * @param defaultValue the default, such as {@code 2048,512,128}
     * @param min the smallest element accepted
     * @param max the largest element accepted
     * @param help what it does
     * @return the descriptor
     */
    public static ParameterDescriptor integerList(String name, String defaultValue, int min, int max, String help) {
        return new ParameterDescriptor(name, Type.INTEGER_LIST, defaultValue, min + RANGE_SEPARATOR + max, help);
    }

    /**
     * Describes a parameter that takes one of a few words.
     *
     * @param name the parameter name
     * @param defaultValue the default, one of the choices
     * @param help what it does
     * @param choices the words accepted, in the order to list them
     * @return the descriptor
     */
    public static ParameterDescriptor choice(String name, String defaultValue, String help, String... choices) {
        return new ParameterDescriptor(name, Type.CHOICE, defaultValue, String.join("|", choices), help);
    }

    /**
     * Describes a parameter that names a plugin, such as an embedder.
     *
     * @param name the parameter name
     * @param defaultValue the plugin used when it is not set, or empty for none
     * @param help what it does
     * @return the descriptor
     */
    public static ParameterDescriptor plugin(String name, String defaultValue, String help) {
        return new ParameterDescriptor(name, Type.PLUGIN, defaultValue, "", help);
    }

    /**
     * Describes a parameter that takes any text.
     *
     * @param name the parameter name
     * @param defaultValue the default, or empty for none
     * @param help what it does
     * @return the descriptor
     */
    public static ParameterDescriptor text(String name, String defaultValue, String help) {
        return new ParameterDescriptor(name, Type.TEXT, defaultValue, "", help);
    }

    /**
     * Returns the words a {@link Type#CHOICE} parameter accepts.
     *
     * @return the choices in order; empty for the other types
     */
    public List<String> choices() {
        return type == Type.CHOICE ? List.of(range.split("\\|", -1)) : List.of();
    }

    /**
     * Checks a value against the type and range.
     *
     * @param value the value given
     * @return the value
     * @throws InvalidOptionsException naming the parameter, the value, the values accepted, the
     *     option and the default
     */
    public String check(String value) {
        String problem = problem(type, range, value);
        if (problem != null) {
            String shown = value == null ? "null" : value.replaceAll("\\p{Cntrl}", "?"); // one line
            throw new InvalidOptionsException("parameter " + name + " is '" + shown + "'; " + problem + " (--" + name
                    + (defaultValue.isEmpty() ? "" : ", default " + defaultValue) + ")");
        }
        return value;
    }

    /**
     * Returns the value the options give this parameter, checked, or the default.
     *
     * @param options the options that may set it
     * @return the value given, else the default (empty when there is none)
     * @throws InvalidOptionsException if the value given is not accepted
     */
    public String value(ChunkingOptions options) {
        return options.parameter(name).map(this::check).orElse(defaultValue);
    }

    /**
     * Returns the value of a {@link Type#INTEGER} parameter, checked, or the default.
     *
     * @param options the options that may set it
     * @return the number
     * @throws InvalidOptionsException if the value given is not accepted, or none is given and
     *     there is no default
     * @throws InvariantViolationException if this parameter is not an integer (a bug of the caller)
     */
    public int intValue(ChunkingOptions options) {
        if (type != Type.INTEGER) {
            throw new InvariantViolationException("parameter " + name + " is " + type + ", not " + Type.INTEGER);
        }
        return Integer.parseInt(check(value(options)).trim());
    }

    /** Why a value is not accepted, as the second half of a sentence, or null when it is. */
    private static String problem(Type type, String range, String value) {
        if (value == null) {
            return "give a value";
        }
        String[] bounds = range.split(Pattern.quote(RANGE_SEPARATOR), -1);
        return switch (type) {
            case INTEGER -> inRange(value, bounds) ? null : "give a whole number from " + bounds[0] + " to " + bounds[1];
            case DECIMAL -> {
                BigDecimal v = parseDecimal(value.trim());
                boolean ok = v != null && v.compareTo(new BigDecimal(bounds[0])) >= 0 && v.compareTo(new BigDecimal(bounds[1])) <= 0;
                yield ok ? null : "give a number from " + bounds[0] + " to " + bounds[1];
            }
            case INTEGER_LIST -> Arrays.stream(value.split(",", -1)).allMatch(v -> inRange(v, bounds)) ? null
                    : "give comma-separated whole numbers, each from " + bounds[0] + " to " + bounds[1];
            case CHOICE -> {
                List<String> choices = List.of(range.split("\\|", -1));
                yield choices.contains(value) ? null : "use " + (choices.size() == 1 ? choices.get(0)
                        : String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1));
            }
            case PLUGIN -> value.isBlank() ? "give the name of a plugin" : null;
            case TEXT -> null;
        };
    }

    /** Whether a text is a whole number ({@code int}) within {@code MIN..MAX}. */
    private static boolean inRange(String text, String[] bounds) {
        String v = text.trim();
        if (!WHOLE.matcher(v).matches() || v.length() > 11) {
            return false;
        }
        long n = Long.parseLong(v);
        return n >= Long.parseLong(bounds[0]) && n <= Long.parseLong(bounds[1]);
    }

    private static void checkRange(String name, Type type, String range) {
        boolean ok = switch (type) {
            case INTEGER, INTEGER_LIST -> {
                String[] b = range.split(Pattern.quote(RANGE_SEPARATOR), -1);
                yield b.length == 2 && isInt(b[0]) && isInt(b[1]) && Integer.parseInt(b[0]) <= Integer.parseInt(b[1]);
            }
            case DECIMAL -> {
                String[] b = range.split(Pattern.quote(RANGE_SEPARATOR), -1);
                yield b.length == 2 && parseDecimal(b[0]) != null && parseDecimal(b[1]) != null
                        && parseDecimal(b[0]).compareTo(parseDecimal(b[1])) <= 0;
            }
            case CHOICE -> !range.isEmpty() && Arrays.stream(range.split("\\|", -1)).allMatch(c -> !c.isBlank() && c.equals(c.strip()))
                    && Arrays.stream(range.split("\\|", -1)).distinct().count() == range.split("\\|", -1).length;
            case PLUGIN, TEXT -> range.isEmpty();
        };
        if (!ok) {
            throw new InvalidOptionsException("parameter " + name + ": range '" + range + "' does not fit " + type
                    + " (MIN..MAX for numbers, a|b|c for a choice, empty otherwise)");
        }
    }

    /** A decimal number as written ({@code 0.5}, {@code .5}, {@code 5e-1}), or null when the text is not one. */
    private static BigDecimal parseDecimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isInt(String text) {
        if (!WHOLE.matcher(text).matches() || text.length() > 11) {
            return false;
        }
        long n = Long.parseLong(text);
        return n == (int) n;
    }
}
