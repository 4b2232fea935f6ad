package dev.chunking.cli;

import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor.Type;
import dev.chunking.spi.ParameterDescriptor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The command-line options that set strategy parameters, built from the strategies'
 * {@link ParameterDescriptor}s: {@code --NAME VALUE} for every parameter a strategy describes
 * (unless the command has an option of that name), and the generic {@code --param NAME=VALUE}
 * for any parameter. Only options actually given become parameters, so a strategy that reads
 * none (such as {@code recursive}) runs as before, and one given a parameter it does not read is
 * refused by {@link dev.chunking.application.Chunking}. Here only the form of a value is checked
 * (a whole number, a list of them, a known choice, a name: the descriptor's type, when the
 * strategies that describe the parameter agree on it); the range is checked by {@code Chunking}
 * against the descriptor of the strategy that runs. The help is written from the descriptors
 * too, so a default or a range appears nowhere else. Immutable.
 */
final class StrategyParameters {
    /** The generic option for parameters without an option of their own. */
    static final String PARAM = "--param";

    /** Where the description of an option starts in the help. */
    private static final int COLUMN = 25;
    /** The longest line of help. */
    private static final int WIDTH = 108;
    /** Stands for a space the help is not wrapped at, while it is wrapped. */
    private static final char NO_BREAK = '\u00a0';

    /** A dedicated option: its parameter, the type all its descriptors share (null when they differ), a good value. */
    private record Option(String name, Type type, List<String> choices, String example) { }

    private final Map<String, Option> options = new LinkedHashMap<>();
    /** The strategies that share a descriptor → those descriptors, in the order they are first met. */
    private final Map<List<String>, List<ParameterDescriptor>> groups = new LinkedHashMap<>();

    /**
     * Builds the options from the strategies' descriptors.
     *
     * @param strategies the strategies to choose from, in the order to list them
     * @param commandOptions the command's own options ({@code --size}, ...), which a parameter of
     *     the same name does not replace: it is set with {@code --param NAME=VALUE} instead
     */
    StrategyParameters(List<ChunkingStrategy> strategies, Set<String> commandOptions) {
        Map<ParameterDescriptor, List<String>> readers = new LinkedHashMap<>();
        Map<String, List<ParameterDescriptor>> byName = new LinkedHashMap<>();
        for (ChunkingStrategy strategy : strategies) {
            for (ParameterDescriptor descriptor : strategy.parameterDescriptors()) {
                readers.computeIfAbsent(descriptor, d -> new ArrayList<>()).add(strategy.name());
                byName.computeIfAbsent(descriptor.name(), n -> new ArrayList<>()).add(descriptor);
            }
        }
        readers.forEach((descriptor, names) -> groups.computeIfAbsent(List.copyOf(names), n -> new ArrayList<>()).add(descriptor));
        byName.forEach((name, descriptors) -> {
            if (!commandOptions.contains("--" + name) && !("--" + name).equals(PARAM)) {
                options.put("--" + name, option(name, descriptors));
            }
        });
    }

    private static Option option(String name, List<ParameterDescriptor> descriptors) {
        ParameterDescriptor first = descriptors.get(0);
        boolean agree = descriptors.stream().allMatch(d -> d.type() == first.type() && d.choices().equals(first.choices()));
        String example = descriptors.stream().map(ParameterDescriptor::defaultValue).filter(v -> !v.isEmpty()).findFirst()
                .orElse(switch (first.type()) {
                    case INTEGER, DECIMAL, INTEGER_LIST -> first.range().substring(0, first.range().indexOf(".."));
                    case CHOICE -> first.choices().get(0);
                    case PLUGIN -> "NAME";
                    case TEXT -> "TEXT";
                });
        return new Option(name, agree ? first.type() : null, first.choices(), example);
    }

    /**
     * Tells whether an argument is one of these options.
     *
     * @param option a command-line argument
     * @return true for {@code --param} and the dedicated parameter options
     */
    boolean isOption(String option) {
        return option.equals(PARAM) || options.containsKey(option);
    }

    /**
     * Returns the names of these options, for "did you mean".
     *
     * @return {@code --param} and the dedicated parameter options
     */
    Set<String> names() {
        Set<String> names = new TreeSet<>(options.keySet());
        names.add(PARAM);
        return names;
    }

    /**
     * Reads one option into the parameters given; a later value for the same parameter replaces
     * an earlier one, as a repeated {@code --size} does.
     *
     * @param option an option for which {@link #isOption} holds
     * @param value its value
     * @param given parameter name → value, in the order first given
     * @throws UsageException if the value is not of the option's form
     */
    void set(String option, String value, Map<String, String> given) {
        if (option.equals(PARAM)) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new UsageException(PARAM + " " + value + " is not NAME=VALUE; give e.g. " + PARAM + " levels=2048,512");
            }
            if (equals == 0) {
                throw new UsageException(PARAM + " " + value + " has an empty name; give e.g. " + PARAM + " levels=2048,512");
            }
            given.put(value.substring(0, equals), value.substring(equals + 1));
            return;
        }
        Option spec = options.get(option);
        if (spec.type() != null) {
            checkForm(option, value, spec);
        }
        given.put(spec.name(), value);
    }

    private static void checkForm(String option, String value, Option spec) {
        String example = " give e.g. " + option + " " + spec.example();
        switch (spec.type()) {
            case INTEGER -> Arguments.wholeNumber(option, value, spec.example());
            case DECIMAL -> {
                try {
                    new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw new UsageException(option + " " + value + " is not a number;" + example);
                }
            }
            case INTEGER_LIST -> {
                for (String element : value.split(",", -1)) {
                    if (!element.matches("[0-9]{1,9}")) { // int range; the strategy checks range, order and count
                        throw new UsageException(option + " " + value + " is not a comma-separated list of whole numbers;" + example);
                    }
                }
            }
            case CHOICE -> {
                if (!spec.choices().contains(value)) {
                    throw new UsageException(option + " " + value + " is not known; use " + or(spec.choices()));
                }
            }
            case PLUGIN -> {
                if (value.isBlank()) {
                    throw new UsageException(option + " needs a name, not an empty value;" + example);
                }
            }
            case TEXT -> {
                // any text
            }
        }
    }

    private static String or(List<String> words) {
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /**
     * Writes parameters the way a command line gives them, for messages that tell the user what
     * to type: {@code --levels 2048,512 --param x=y}. Control characters become {@code ?}, so
     * the message stays on one line.
     *
     * @param parameters parameter name → value
     * @return the options, or {@code "no parameter options"} when there are none
     */
    String commandLine(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "no parameter options";
        }
        return parameters.entrySet().stream()
                .map(e -> options.containsKey("--" + e.getKey()) ? "--" + e.getKey() + " " + e.getValue()
                        : PARAM + " " + e.getKey() + "=" + e.getValue())
                .map(option -> option.replaceAll("\\p{Cntrl}", "?"))
                .collect(Collectors.joining(" "));
    }

    /**
     * Returns the help for the parameter options: under the strategies that read them, each
     * option with its help, range and default as the descriptors give them.
     *
     * @return lines separated by {@code \n}, without a final one
     */
    String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("Strategy parameters (passed on only when given; a strategy refuses one it does not read):");
        groups.forEach((strategies, descriptors) -> {
            lines.add(" " + String.join(", ", strategies) + ":");
            for (ParameterDescriptor d : descriptors) {
                String label = options.containsKey("--" + d.name()) ? "--" + d.name() + " " + metavariable(d)
                        : PARAM + " " + d.name() + "=" + metavariable(d);
                item(lines, label, d.help() + " (" + rangeAndDefault(d).replace(' ', NO_BREAK) + ")");
            }
        });
        lines.add(" any strategy (plugins):");
        item(lines, PARAM + " NAME=VALUE", "set parameter NAME; repeatable. Given twice, a parameter keeps the last value");
        return String.join("\n", lines);
    }

    private static String metavariable(ParameterDescriptor d) {
        return switch (d.type()) {
            case INTEGER -> "N";
            case DECIMAL -> "X";
            case INTEGER_LIST -> "LIST";
            case CHOICE -> String.join("|", d.choices());
            case PLUGIN -> "NAME";
            case TEXT -> "TEXT";
        };
    }

    private static String rangeAndDefault(ParameterDescriptor d) {
        String range = switch (d.type()) {
            case INTEGER, DECIMAL -> d.range() + "; ";
            case INTEGER_LIST -> "each " + d.range() + "; ";
            case CHOICE, PLUGIN, TEXT -> "";
        };
        return range + (d.defaultValue().isEmpty() ? "no default" : "default " + d.defaultValue());
    }

    /**
     * Adds an option and its description, wrapped at {@link #WIDTH} under {@link #COLUMN}, never
     * at a {@link #NO_BREAK}, which becomes a space.
     */
    private static void item(List<String> lines, String label, String description) {
        List<String> added = new ArrayList<>();
        StringBuilder line = new StringBuilder("  ").append(label);
        if (line.length() >= COLUMN - 1) {
            added.add(line.toString());
            line.setLength(0);
        }
        for (String word : description.split(" ")) {
            if (line.length() < COLUMN) {
                line.append(" ".repeat(COLUMN - line.length())).append(word);
            } else if (line.length() + 1 + word.length() > WIDTH) {
                added.add(line.toString());
                line.setLength(0);
                line.append(" ".repeat(COLUMN)).append(word);
            } else {
                line.append(' ').append(word);
            }
        }
        added.add(line.toString());
        added.forEach(l -> lines.add(l.replace(NO_BREAK, ' ')));
    }
}
