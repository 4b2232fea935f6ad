package dev.chunking.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of one {@link RetrievalHarness} run, parsed from its command line.
 *
 * @param embedder the {@link dev.chunking.spi.Embedder} that embeds chunks and questions, and that
 *     {@code semantic} and {@code hybrid} use
 * @param sizes chunk sizes, in {@code unit}
 * @param overlaps overlaps, in percent of the size
 * @param tokens whether sizes count o200k_base tokens (else code points)
 * @param top how many distinct chunks are retrieved per question
 * @param splitters the rows, in order
 * @param threads threads of {@code minilm} (its system property chunking.minilm.threads, unless already set)
 * @param means whether to print, after the tables, each row's scores averaged over the sizes ({@link SizeMeans})
 * @param read whether to print, after the tables, how much of each row's chunks the model reads ({@link ModelWindow})
 */
public record RetrievalSettings(String embedder, List<Integer> sizes, List<Integer> overlaps, boolean tokens, int top,
                                List<String> splitters, int threads, boolean means,
                                boolean read) {
    /** Every row, in table order: the six strategies, LangChain4j's recursive splitter, the fixed window. */
    public static final List<String> ALL_SPLITTERS = List.of("character", "recursive", "markdown", "semantic", "hierarchical",
            "hybrid", RetrievalHarness.LANGCHAIN4J, RetrievalHarness.WINDOW);

    /** The usage line. */
    public static final String USAGE = "usage: RetrievalHarness [--embedder minilm|lexical|NAME] [--sizes 200,400,800]"
            + " [--overlaps 0,25] [--unit tokens|chars] [--top 5] [--splitters a,b,...] [--threads N] [--means yes|no]"
            + " [--read yes|no]";

    /**
     * Copies the lists and checks the values.
     *
     * @throws IllegalArgumentException naming the option of a value out of range
     */
    public RetrievalSettings {
        sizes = List.copyOf(sizes);
        overlaps = List.copyOf(overlaps);
        splitters = List.copyOf(splitters);
        for (int s : sizes) {
            if (s < 8) {
                throw new IllegalArgumentException("--sizes: " + s + " is below 8; give sizes of 8 or more");
            }
        }
        for (int o : overlaps) {
            if (o < 0 || o > 90) {
                throw new IllegalArgumentException("--overlaps: " + o + " is not a percentage from 0 to 90");
            }
        }
        if (top < 1) {
            throw new IllegalArgumentException("--top: " + top + " must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: " + threads + " must be at least 1");
        }
        for (String s : splitters) {
            if (!ALL_SPLITTERS.contains(s)) {
                throw new IllegalArgumentException("--splitters: unknown " + s + "; choose from " + ALL_SPLITTERS);
            }
        }
    }

    /**
     * Parses a command line.
     *
     * @param args the options, each followed by its value
     * @return the settings, defaults where an option is absent
     * @throws IllegalArgumentException for an unknown option, a missing value or a value out of range
     */
    public static RetrievalSettings parse(String... args) {
        String embedder = "minilm";
        List<Integer> sizes = List.of(200, 400, 800);
        List<Integer> overlaps = List.of(0);
        boolean tokens = true;
        int top = 5;
        List<String> splitters = ALL_SPLITTERS;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean means = false;
        boolean read = false;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--embedder" -> embedder = value;
                case "--sizes" -> sizes = numbers(value, "--sizes");
                case "--overlaps" -> overlaps = numbers(value, "--overlaps");
                case "--unit" -> tokens = unit(value);
                case "--top" -> top = numbers(value, "--top").get(0);
                case "--splitters" -> splitters = List.of(value.split(","));
                case "--threads" -> threads = numbers(value, "--threads").get(0);
                case "--means" -> means = yesOrNo(value, "--means");
                case "--read" -> read = yesOrNo(value, "--read");
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new RetrievalSettings(embedder, sizes, overlaps, tokens, top, splitters, threads, means, read);
    }

    /**
     * Converts a percentage of a size into units, rounded down.
     *
     * @param size the size
     * @param percent the overlap's percentage
     * @return the overlap in units
     */
    public static int overlapOf(int size, int percent) {
        return size * percent / 100;
    }

    private static boolean unit(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "tokens" -> true;
            case "chars" -> false;
            default -> throw new IllegalArgumentException("--unit: " + value + " is neither tokens nor chars");
        };
    }

    private static boolean yesOrNo(String value, String option) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(option + ": " + value + " is neither yes nor no");
        };
    }

    private static List<Integer> numbers(String value, String option) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + part + "' is not a whole number", e);
            }
        }
        return out;
    }
}
