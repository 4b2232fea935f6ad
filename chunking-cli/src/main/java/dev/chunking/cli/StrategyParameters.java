package dev.chunking.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command-line options that set strategy parameters ({@code --levels}, {@code --threshold},
 * ..., and the generic {@code --param NAME=VALUE}). Only options actually given become
 * parameters, so a strategy that reads none (such as {@code recursive}) runs as before, and one
 * given a parameter it does not read is refused by {@link dev.chunking.application.Chunking}.
 * The CLI checks only the form of a value (a whole number, a list of them, a known choice); the
 * strategies check ranges, because they own the meaning. Not thread-safe.
 */
final class StrategyParameters {
    /** Usage lines for the parameter options, grouped by the strategies that read them. */
    static final String USAGE = String.join("\n",
            "Strategy parameters (passed on only when given; a strategy refuses one it does not read):",
            " markdown, hybrid:",
            "  --front-matter chunk|skip",
            "                         YAML front matter at the top: a chunk of its own (default), or left out",
            " semantic, hybrid:",
            "  --embedder NAME        embedder comparing sentences (semantic default: lexical; hybrid without it",
            "                         splits oversized sections with recursive)",
            "  --threshold N          break where a distance is above this percentile, 1..99 (default 95)",
            "  --window N             recent distances the percentile is taken over (default 64)",
            "  --batch-size N         sentences per call to the embedder (default 32)",
            " hierarchical:",
            "  --levels LIST          chunk sizes, coarse to fine: comma-separated, strictly decreasing, at most 5",
            "                         (default 2048,512,128)",
            " any strategy (plugins):",
            "  --param NAME=VALUE     set parameter NAME; repeatable. Given twice, a parameter keeps the last value");

    /** What a dedicated option's value must look like. */
    private enum Form { WHOLE_NUMBER, NUMBER_LIST, NAME, FRONT_MATTER }

    /** A dedicated option: the form of its value, and a good value (the default) for messages. */
    private record Spec(Form form, String example) { }

    /** Dedicated option → its spec; the option name is the parameter name after "--". */
    private static final Map<String, Spec> OPTIONS = Map.of(
            "--levels", new Spec(Form.NUMBER_LIST, "2048,512,128"),
            "--threshold", new Spec(Form.WHOLE_NUMBER, "95"),
            "--window", new Spec(Form.WHOLE_NUMBER, "64"),
            "--batch-size", new Spec(Form.WHOLE_NUMBER, "32"),
            "--embedder", new Spec(Form.NAME, "lexical"),
            "--front-matter", new Spec(Form.FRONT_MATTER, "chunk"));

    /** The generic option for parameters without an option of their own. */
    static final String PARAM = "--param";

    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * Tells whether an argument is one of these options.
     *
     * @param option a command-line argument
     * @return true for {@code --param} and the dedicated parameter options
     */
    static boolean isOption(String option) {
        return option.equals(PARAM) || OPTIONS.containsKey(option);
    }

    /**
     * Records one option; a later value for the same parameter replaces an earlier one, as a
     * repeated {@code --size} does.
     *
     * @param option an option for which {@link #isOption} holds
     * @param value its value
     * @throws UsageException if the value is not of the option's form
     */
    void set(String option, String value) {
        if (option.equals(PARAM)) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new UsageException(PARAM + " " + value + " is not NAME=VALUE; give e.g. " + PARAM + " levels=2048,512");
            }
            if (equals == 0) {
                throw new UsageException(PARAM + " " + value + " has an empty name; give e.g. " + PARAM + " levels=2048,512");
            }
            values.put(value.substring(0, equals), value.substring(equals + 1));
            return;
        }
        Spec spec = OPTIONS.get(option);
        switch (spec.form()) {
            case WHOLE_NUMBER -> Arguments.wholeNumber(option, value, spec.example());
            case NUMBER_LIST -> {
                for (String level : value.split(",", -1)) {
                    if (!level.matches("[0-9]{1,9}")) { // int range; the strategy checks order and count
                        throw new UsageException(option + " " + value + " is not a comma-separated list of whole numbers;"
                                + " give e.g. " + option + " " + spec.example());
                    }
                }
            }
            case NAME -> {
                if (value.isBlank()) {
                    throw new UsageException(option + " needs a name, not an empty value; give e.g. " + option + " "
                            + spec.example());
                }
            }
            case FRONT_MATTER -> {
                if (!value.equals("chunk") && !value.equals("skip")) {
                    throw new UsageException(option + " " + value + " is not known; use chunk or skip");
                }
            }
        }
        values.put(option.substring(2), value);
    }

    /**
     * Returns the parameters given, in the order first given.
     *
     * @return parameter name → value
     */
    Map<String, String> values() {
        return values;
    }

    /**
     * Writes parameters the way a command line gives them, for messages that tell the user what
     * to type: {@code --levels 2048,512 --param x=y}. Control characters become {@code ?}, so
     * the message stays on one line.
     *
     * @param parameters parameter name → value
     * @return the options, or {@code "no parameter options"} when there are none
     */
    static String commandLine(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "no parameter options";
        }
        return parameters.entrySet().stream()
                .map(e -> OPTIONS.containsKey("--" + e.getKey()) ? "--" + e.getKey() + " " + e.getValue()
                        : PARAM + " " + e.getKey() + "=" + e.getValue())
                .map(option -> option.replaceAll("\\p{Cntrl}", "?"))
                .collect(Collectors.joining(" "));
    }
}
