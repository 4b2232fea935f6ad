package dev.chunking.cli;

import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.NameSuggestions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.strategy.HierarchicalStrategy;
import dev.chunking.streaming.operation.Preview;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parsed command line of {@code chunk}. Immutable.
 *
 * @param command {@code "chunk"}, {@code "preview"}, {@code "compare"}, {@code "strategies"} or {@code "help"}
 * @param strategy strategy name
 * @param options sizes, unit and the strategy parameters given, for {@code strategy} (for compare: for the first
 *                strategy listed, with every parameter given; {@link Settings#options} fits them to each strategy);
 *                for chunk, also the input limits of {@code --max-bytes}, {@code --max-chunks} and
 *                {@code --max-metadata-bytes}
 * @param format output format
 * @param out output file, or empty for standard output
 * @param progress true or false when forced, empty to decide by terminal and input size
 * @param files input files; {@code "-"} is standard input
 * @param checkpoint checkpoint file to resume from and keep up to date, if any
 * @param settings the sizes, unit and parameters as given, before they are fitted to a strategy
 * @param chunks preview: how many chunks to print at most
 * @param bytes preview and compare: how many bytes of the file to read at most
 * @param strategies compare: the strategies to compare, in the order given; empty for other commands
 * @param base the directory every FILE is resolved in through a {@link dev.chunking.streaming.guard.PathGuard}, if any
 */
public record Arguments(String command, String strategy, ChunkingOptions options, OutputFormat format,
                        Optional<String> out, Optional<Boolean> progress, List<String> files, Optional<String> checkpoint,
                        Settings settings, int chunks, long bytes, List<String> strategies, Optional<String> base) {

    /** The usage text before the strategy parameters, which come from the strategies' descriptors. */
    private static final String USAGE_HEAD = String.join("\n",
            "Usage: chunk [OPTIONS] FILE...      chunk files ('-' reads standard input)",
            "       chunk preview [OPTIONS] FILE",
            "                                    print the first chunks of FILE, reading only its start",
            "       chunk compare --strategies LIST [OPTIONS] FILE",
            "                                    chunk the start of FILE with each strategy; print a table of the",
            "                                    chunk counts, sizes, boundary and under-min shares and times",
            "       chunk strategies             list strategies, one per line: name, then description",
            "       chunk --store URL --collection ID FILE...   store the chunks in PostgreSQL (see below)",
            "       chunk health --store URL     print the partition health of a chunk database",
            "  (preview, compare and health must come first; a file of that name is ./preview or -- preview)",
            "",
            "Options:",
            "  --strategy NAME        strategy to use: character, recursive (default), markdown, semantic, hierarchical,",
            "                         hybrid, or a plugin's (see 'chunk strategies')",
            "  --size N               max chunk size in the unit (default 1000)",
            "  --overlap N            max overlap between consecutive chunks (default: size / 5; 0 for hierarchical)",
            "  --min-size N           merge a chunk under N into a neighbour where --size allows, and end none at a",
            "                         preferred break before N (default: size / 4; 0 keeps every piece)",
            "  --unit chars|tokens    size unit: code points, or tokens of --token-counter (default chars)",
            "  --token-counter NAME   token counter for --unit tokens (required with it; 'codepoints' counts code points)",
            "  --encoding NAME        size in tokens of an OpenAI encoding: cl100k_base, o200k_base, p50k_base, r50k_base",
            "                         (same as --unit tokens --token-counter NAME)",
            "  --format jsonl|offsets|stats",
            "                         jsonl: one JSON object per chunk (default); offsets: index, start, end,",
            "                         byteStart, byteEnd, size, tab-separated; stats: a summary per file",
            "  --out FILE             write to FILE (replaced only when the run succeeds) instead of stdout",
            "  --checkpoint FILE      resume from FILE if it exists, keep it up to date, delete it on success;",
            "                         needs one input file and --out, which is then appended to as chunks are made",
            "  --on-malformed report|replace",
            "                         bytes that are not UTF-8: stop naming the offset (default), or use U+FFFD",
            "  --max-bytes N          refuse an input longer than N bytes (default " + InputLimits.DEFAULT_MAX_DOCUMENT_BYTES
                    + ", 1 TiB)",
            "  --max-chunks N         refuse an input that makes more than N chunks (default " + InputLimits.DEFAULT_MAX_CHUNKS + ")",
            "  --max-metadata-bytes N refuse an input with a chunk of more than N bytes of metadata: its headings, ids",
            "                         and table header (default " + InputLimits.DEFAULT_MAX_METADATA_BYTES
                    + "). An input over any of these limits stops the",
            "                         run with exit status 2 and one line naming the limit; no chunk is cut short",
            "  --base DIR             resolve every FILE inside DIR and refuse any that leaves it (traversal, links",
            "                         pointing out, encoded or look-alike tricks, special files); each refused FILE is",
            "                         reported on one line, the others are chunked, and the exit status is 2",
            "  --progress             always show a progress bar on stderr",
            "  --no-progress          never show one (default: shown for large inputs when stderr is a terminal)",
            "  -h, --help             show this help",
            "",
            "Preview and compare (one summary line on stderr; --out, --checkpoint, --max-*, --progress do not apply):",
            "  --chunks N             preview: print at most the first N chunks (default 10), in --format",
            "  --bytes N              read at most the first N bytes of FILE (default 1048576): preview prints the",
            "                         chunks final within them; compare chunks them, cut back to a whole UTF-8",
            "                         character, as its sample",
            "  --strategies LIST      compare: comma-separated strategies, e.g. recursive,markdown,semantic. Each gets the",
            "                         shared --size, --overlap, --min-size, --unit, --encoding and --on-malformed, and",
            "                         only the parameter options it reads; hierarchical ignores --size (give --levels)");

    /** The usage text after the strategy parameters. */
    private static final String USAGE_TAIL = String.join("\n",
            "Environment (bin/chunk):",
            "  CHUNK_CLASSPATH        plugin jars or directories, ':'-separated, put on the class path; the strategies,",
            "                         token counters and embedders they register are found by name ('chunk strategies')",
            "  JAVA_OPTS              options for the JVM, e.g. -Xmx64m",
            "",
            "Exit status: 0 success, 2 bad usage or refused input, 1 failure while running, 141 (quietly) when",
            "standard output is a pipe that was closed (chunk big.txt | head).");

    /** The command's own options; a strategy parameter of one of these names is set with {@code --param}. */
    static final Set<String> COMMAND_OPTIONS = Set.of("-h", "--help", "--strategy", "--size", "--overlap", "--min-size",
            "--unit", "--token-counter", "--encoding", "--format", "--out", "--checkpoint", "--on-malformed", "--max-bytes",
            "--max-chunks", "--max-metadata-bytes", "--chunks", "--bytes", "--strategies", "--base", "--progress", "--no-progress",
            StrategyParameters.PARAM, StoreArguments.STORE, StoreArguments.COLLECTION, StoreArguments.CHECKPOINT_EVERY);

    /** The commands that are named by the first argument. */
    private static final Set<String> SUBCOMMANDS = Set.of("preview", "compare");

    /** Options that only some commands take → those commands. Every other option applies to all of them. */
    private static final Map<String, Set<String>> ONLY_FOR = Map.ofEntries(
            Map.entry("--chunks", Set.of("preview")),
            Map.entry("--bytes", Set.of("preview", "compare")),
            Map.entry("--strategies", Set.of("compare")),
            Map.entry("--strategy", Set.of("chunk", "preview")),
            Map.entry("--format", Set.of("chunk", "preview")),
            Map.entry("--out", Set.of("chunk")),
            Map.entry("--checkpoint", Set.of("chunk")),
            Map.entry("--max-bytes", Set.of("chunk")),
            Map.entry("--max-chunks", Set.of("chunk")),
            Map.entry("--max-metadata-bytes", Set.of("chunk")),
            Map.entry("--progress", Set.of("chunk")),
            Map.entry("--no-progress", Set.of("chunk")));

    /** The largest sample {@code compare} can hold in one array. */
    static final long MAX_SAMPLE = Integer.MAX_VALUE - 8;

    /**
     * Returns the usage text printed by {@code --help}, with the parameter options of the
     * strategies to choose from, as their descriptors describe them.
     *
     * @param strategies the strategies, in the order to list them
     * @return the text, lines separated by {@code \n}, without a final one
     */
    public static String usage(List<ChunkingStrategy> strategies) {
        return String.join("\n", USAGE_HEAD, "", parameterOptions(strategies).usage(), "", StoreArguments.USAGE, "", RedisArguments.USAGE, "",
                USAGE_TAIL);
    }

    /** The parameter options of some strategies. */
    static StrategyParameters parameterOptions(List<ChunkingStrategy> strategies) {
        return new StrategyParameters(strategies, COMMAND_OPTIONS);
    }

    /**
     * Keeps unmodifiable copies of the lists, so that the arguments stay immutable whoever made them
     * ({@link List#copyOf} returns a list that is unmodifiable already as it is, without copying).
     */
    public Arguments {
        files = List.copyOf(files);
        strategies = List.copyOf(strategies);
    }

    /**
     * The sizes, unit and strategy parameters as given on the command line, before they are
     * fitted to a strategy: the one place that turns them into {@link ChunkingOptions}.
     *
     * @param size {@code --size}, or null when not given
     * @param overlap {@code --overlap}, or null when not given
     * @param minSize {@code --min-size}, or null when not given (then a quarter of the max size)
     * @param unit {@code --unit}
     * @param tokenCounter {@code --token-counter} or {@code --encoding}, or null when neither was given
     * @param malformed {@code --on-malformed}
     * @param parameters the parameter options given, in the order first given
     */
    public record Settings(Integer size, Integer overlap, Integer minSize, SizeUnit unit, String tokenCounter,
                           MalformedInputPolicy malformed, Map<String, String> parameters) {
        /** Copies the parameters, keeping their order. */
        public Settings {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /**
         * Builds the options for a strategy: {@code hierarchical} takes its max size from the
         * first of {@code --levels} (or of its default) and no {@code --size}, and overlap 0 unless
         * given; the others take {@code --size} (default 1000) and the library's default overlap
         * ({@link ChunkingOptions#defaultOverlap(int)}, size / 5) unless given. The token counter is
         * passed on only when given, so the library refuses {@code --unit tokens} without one.
         * Every parameter given is passed on; {@link dev.chunking.application.Chunking} refuses
         * one the strategy does not read.
         *
         * @param strategy the strategy's name
         * @return the options
         * @throws dev.chunking.domain.InvalidOptionsException if the sizes are inconsistent
         */
        public ChunkingOptions options(String strategy) {
            boolean levels = strategy.equals(HierarchicalStrategy.NAME);
            int max = levels ? largestLevel(parameters.get(HierarchicalStrategy.LEVELS))
                    : size != null ? size : ChunkingOptions.DEFAULT_MAX_SIZE;
            ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(max).unit(unit).malformedInput(malformed);
            if (minSize != null) {
                builder.minSize(minSize); // else the library's default, a quarter of the max size
            }
            if (overlap != null || levels) {
                builder.overlap(overlap != null ? overlap : 0); // the levels of hierarchical tile the text
            }
            if (tokenCounter != null) {
                builder.tokenCounter(tokenCounter);
            }
            parameters.forEach(builder::parameter); // only those given: a strategy refuses any it does not read
            return builder.build();
        }

        /**
         * Keeps only some of the parameters, for a strategy that reads only those.
         *
         * @param names the parameter names to keep
         * @return settings with the same sizes and those parameters
         */
        public Settings onlyParameters(Set<String> names) {
            Map<String, String> kept = new LinkedHashMap<>(parameters);
            kept.keySet().retainAll(names);
            return new Settings(size, overlap, minSize, unit, tokenCounter, malformed, kept);
        }
    }

    /**
     * The first (largest) size of {@code --levels} (or of its default), which stands in for the
     * size of {@code hierarchical} (the strategy checks the list itself).
     */
    private static int largestLevel(String levels) {
        String sizes = levels == null ? HierarchicalStrategy.LEVELS_PARAMETER.defaultValue() : levels;
        try {
            // within the options' bounds, so that a size out of range is refused naming --levels, not --size
            return Math.max(1, Math.min(ChunkingOptions.LIMIT_MAX_SIZE, Integer.parseInt(sizes.split(",", -1)[0].trim())));
        } catch (NumberFormatException e) {
            return ChunkingOptions.DEFAULT_MAX_SIZE; // the strategy names the bad value
        }
    }

    /**
     * Parses a command line against the strategies found through {@link java.util.ServiceLoader}.
     *
     * @param args the arguments
     * @return the parsed arguments
     * @throws UsageException naming the offending argument
     * @throws dev.chunking.domain.InvalidOptionsException if the sizes are inconsistent
     */
    public static Arguments parse(String... args) {
        return parse(StrategyRegistry.load().strategies(), args);
    }

    /**
     * Parses a command line whose parameter options are those the strategies describe.
     *
     * @param known the strategies to choose from
     * @param args the arguments
     * @return the parsed arguments
     * @throws UsageException naming the offending argument
     * @throws dev.chunking.domain.InvalidOptionsException if the sizes are inconsistent
     */
    public static Arguments parse(List<ChunkingStrategy> known, String... args) {
        String command = args.length > 0 && SUBCOMMANDS.contains(args[0]) ? args[0] : "chunk";
        String strategy = "recursive";
        Integer size = null;
        Integer overlap = null;
        Integer minSize = null;
        SizeUnit unit = SizeUnit.CHARS;
        String counter = null;
        OutputFormat format = OutputFormat.JSONL;
        String out = null;
        Boolean progress = null;
        String checkpoint = null;
        InputLimits limits = InputLimits.defaults();
        int chunks = Preview.DEFAULT_CHUNKS;
        long bytes = Preview.DEFAULT_BYTES;
        List<String> strategies = List.of();
        String base = null;
        MalformedInputPolicy malformed = MalformedInputPolicy.REPORT;
        StrategyParameters parameterOptions = parameterOptions(known);
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        Set<String> given = new LinkedHashSet<>();
        boolean onlyFiles = false;
        for (int i = command.equals("chunk") ? 0 : 1; i < args.length; i++) {
            String arg = args[i];
            if (onlyFiles || arg.equals("-") || !arg.startsWith("-")) {
                files.add(arg);
                continue;
            }
            given.add(arg);
            switch (arg) {
                case "--" -> onlyFiles = true;
                case "-h", "--help" -> {
                    Settings defaults = new Settings(null, null, null, unit, counter, malformed, Map.of());
                    return new Arguments("help", strategy, ChunkingOptions.defaults(), format, Optional.empty(),
                            Optional.empty(), List.of(), Optional.empty(), defaults, chunks, bytes, List.of(), Optional.empty());
                }
                case "--strategy" -> strategy = value(args, ++i, arg);
                case "--size" -> size = number(args, ++i, arg);
                case "--overlap" -> overlap = number(args, ++i, arg);
                case "--min-size" -> minSize = number(args, ++i, arg);
                case "--unit" -> unit = parseUnit(value(args, ++i, arg));
                case "--token-counter" -> counter = value(args, ++i, arg);
                case "--encoding" -> {
                    counter = value(args, ++i, arg);
                    unit = SizeUnit.TOKENS;
                }
                case "--format" -> format = OutputFormat.parse(value(args, ++i, arg));
                case "--out" -> out = value(args, ++i, arg);
                case "--checkpoint" -> checkpoint = value(args, ++i, arg);
                case "--on-malformed" -> malformed = parseMalformed(value(args, ++i, arg));
                case "--max-bytes" -> limits = limits.withMaxDocumentBytes(limit(arg, value(args, ++i, arg), "1000000000"));
                case "--max-chunks" -> limits = limits.withMaxChunks(limit(arg, value(args, ++i, arg), "1000000"));
                case "--max-metadata-bytes" -> limits = limits.withMaxMetadataBytes(limit(arg, value(args, ++i, arg), "65536"));
                case "--chunks" -> chunks = atLeastOne(arg, wholeNumber(arg, value(args, ++i, arg), "10"), "10");
                case "--bytes" -> bytes = atLeastOne(arg, longNumber(arg, value(args, ++i, arg), "65536"), "65536");
                case "--strategies" -> strategies = names(arg, value(args, ++i, arg));
                case "--base" -> base = value(args, ++i, arg);
                case "--progress" -> progress = true;
                case "--no-progress" -> progress = false;
                default -> {
                    if (!parameterOptions.isOption(arg)) {
                        Set<String> allOptions = new LinkedHashSet<>(COMMAND_OPTIONS);
                        allOptions.addAll(parameterOptions.names());
                        String suggestion = NameSuggestions.didYouMean(arg, allOptions);
                        throw new UsageException("unknown option " + arg + (suggestion.isEmpty() ? "; see chunk --help" : suggestion));
                    }
                    parameterOptions.set(arg, value(args, ++i, arg), parameters);
                }
            }
        }
        Settings settings = new Settings(size, overlap, minSize, unit, counter, malformed, parameters);
        for (String option : given) {
            Set<String> commands = ONLY_FOR.get(option);
            if (option.equals("--strategy") && command.equals("compare")) {
                throw new UsageException("compare takes --strategies LIST, not --strategy; give e.g. --strategies recursive,markdown");
            }
            if (commands != null && !commands.contains(command)) {
                throw new UsageException(option + " does not apply to " + label(command) + "; remove it (it is for "
                        + commands.stream().sorted().map(Arguments::label).collect(Collectors.joining(" and ")) + ")");
            }
        }
        if (!command.equals("compare") && strategy.equals(HierarchicalStrategy.NAME) && size != null) {
            throw new UsageException("--size does not apply to " + HierarchicalStrategy.NAME + "; give its sizes with --"
                    + HierarchicalStrategy.LEVELS + ", e.g. --" + HierarchicalStrategy.LEVELS + " "
                    + HierarchicalStrategy.LEVELS_PARAMETER.defaultValue());
        }
        if (command.equals("chunk") && files.size() == 1 && files.get(0).equals("strategies")) {
            return new Arguments("strategies", strategy, settings.options(strategy), format, Optional.empty(), Optional.empty(),
                    List.of(), Optional.empty(), settings, chunks, bytes, List.of(), Optional.empty());
        }
        if (command.equals("compare")) {
            return compare(settings, strategies, files, bytes, base);
        }
        ChunkingOptions options = settings.options(strategy);
        if (files.isEmpty()) {
            throw new UsageException(command.equals("chunk") ? "no input file given; name one or more files, or - for standard input"
                    + " (see chunk --help)" : "no input file given; name the file to preview (see chunk --help)");
        }
        if (command.equals("preview")) {
            oneFile(command, files);
            return new Arguments(command, strategy, options, format, Optional.empty(), Optional.empty(), List.copyOf(files),
                    Optional.empty(), settings, chunks, bytes, List.of(), Optional.ofNullable(base));
        }
        if (checkpoint != null && (files.size() != 1 || files.get(0).equals("-") || out == null)) {
            throw new UsageException("--checkpoint needs exactly one input file (not -) and --out FILE, so that a resumed run"
                    + " can continue the output");
        }
        if (checkpoint != null && format == OutputFormat.STATS) {
            throw new UsageException("--checkpoint cannot be combined with --format stats (a resumed run would count only its"
                    + " own chunks); use jsonl or offsets");
        }
        return new Arguments("chunk", strategy, options.withLimits(limits), format, Optional.ofNullable(out),
                Optional.ofNullable(progress), List.copyOf(files), Optional.ofNullable(checkpoint), settings, chunks, bytes, List.of(),
                Optional.ofNullable(base));
    }

    private static Arguments compare(Settings settings, List<String> strategies, List<String> files, long bytes, String base) {
        if (strategies.isEmpty()) {
            throw new UsageException("compare needs the strategies to compare; give e.g. --strategies recursive,markdown,semantic");
        }
        if (files.isEmpty()) {
            throw new UsageException("no input file given; name the file to sample (see chunk --help)");
        }
        oneFile("compare", files);
        if (bytes > MAX_SAMPLE) {
            throw new UsageException("--bytes " + bytes + " is more than a sample can hold; give at most " + MAX_SAMPLE);
        }
        return new Arguments("compare", strategies.get(0), settings.options(strategies.get(0)), OutputFormat.JSONL,
                Optional.empty(), Optional.empty(), List.copyOf(files), Optional.empty(), settings, Preview.DEFAULT_CHUNKS,
                bytes, strategies, Optional.ofNullable(base));
    }

    private static void oneFile(String command, List<String> files) {
        if (files.size() > 1) {
            throw new UsageException(command + " reads one file, got " + files.size() + " (" + String.join(" ", files).replaceAll(
                    "\\p{Cntrl}", "?") + "); name one");
        }
        if (files.get(0).equals("-")) {
            throw new UsageException(command + " reads a file, not standard input (-); save the input to a file and name it");
        }
    }

    private static String label(String command) {
        return command.equals("chunk") ? "'chunk FILE...'" : "'chunk " + command + "'";
    }

    private static List<String> names(String option, String text) {
        List<String> names = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            if (name.isBlank()) {
                throw new UsageException(option + " " + text + " has an empty name; give e.g. " + option
                        + " recursive,markdown,semantic");
            }
            names.add(name.trim());
        }
        return List.copyOf(names);
    }

    /** Parses an input limit: a whole number, at least 1. */
    private static long limit(String option, String text, String example) {
        return atLeastOne(option, longNumber(option, text, example), example);
    }

    private static <N extends Number> N atLeastOne(String option, N n, String example) {
        if (n.longValue() < 1) {
            throw new UsageException(option + " " + n + " must be at least 1; give e.g. " + option + " " + example);
        }
        return n;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value; see chunk --help");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option) {
        return wholeNumber(option, value(args, i, option), "1000");
    }

    /**
     * Parses the value of an option that takes an {@code int}.
     *
     * @param option the option, for the message
     * @param text its value
     * @param example a good value, for the message
     * @return the number
     * @throws UsageException if the value is not a whole number in the {@code int} range
     */
    static int wholeNumber(String option, String text, String example) {
        long n = longNumber(option, text, example);
        if (n != (int) n) {
            throw new UsageException(option + " " + text + " is not a whole number; give e.g. " + option + " " + example);
        }
        return (int) n;
    }

    private static long longNumber(String option, String text, String example) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + text + " is not a whole number; give e.g. " + option + " " + example);
        }
    }

    private static MalformedInputPolicy parseMalformed(String text) {
        return switch (text) {
            case "report" -> MalformedInputPolicy.REPORT;
            case "replace" -> MalformedInputPolicy.REPLACE;
            default -> throw new UsageException("--on-malformed " + text + " is not known; use report or replace");
        };
    }

    private static SizeUnit parseUnit(String text) {
        try {
            return SizeUnit.parse(text);
        } catch (InvalidOptionsException e) {
            throw new UsageException("--unit " + text + " is not known; use chars or tokens");
        }
    }
}
