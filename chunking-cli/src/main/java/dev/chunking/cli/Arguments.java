package dev.chunking.cli;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.SizeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line of {@code chunk}. Immutable.
 *
 * @param command {@code "chunk"}, {@code "strategies"} or {@code "help"}
 * @param strategy strategy name
 * @param options sizes, unit and the strategy parameters given
 * @param format output format
 * @param out output file, or empty for standard output
 * @param progress true or false when forced, empty to decide by terminal and input size
 * @param files input files; {@code "-"} is standard input
 * @param checkpoint checkpoint file to resume from and keep up to date, if any
 * @param maxBytes refuse inputs longer than this many bytes; 0 for no limit
 */
public record Arguments(String command, String strategy, ChunkingOptions options, OutputFormat format,
                        Optional<String> out, Optional<Boolean> progress, List<String> files, Optional<String> checkpoint,
                        long maxBytes) {

    /** The usage text printed by {@code --help}. */
    public static final String USAGE = String.join("\n",
            "Usage: chunk [OPTIONS] FILE...      chunk files ('-' reads standard input)",
            "       chunk strategies             list strategies, one per line: name, then description",
            "",
            "Options:",
            "  --strategy NAME        strategy to use: character, recursive (default), markdown, semantic, hierarchical,",
            "                         hybrid, or a plugin's (see 'chunk strategies')",
            "  --size N               max chunk size in the unit (default 1000)",
            "  --overlap N            max overlap between consecutive chunks (default: size / 5; 0 for hierarchical)",
            "  --min-size N           do not end a chunk at a preferred break before N (default 0)",
            "  --unit chars|tokens    size unit: code points, or tokens of --token-counter (default chars)",
            "  --token-counter NAME   token counter for --unit tokens (default codepoints)",
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
            "  --max-bytes N          refuse inputs longer than N bytes (default: no limit)",
            "  --progress             always show a progress bar on stderr",
            "  --no-progress          never show one (default: shown for large inputs when stderr is a terminal)",
            "  -h, --help             show this help",
            "",
            StrategyParameters.USAGE,
            "",
            "Environment (bin/chunk):",
            "  CHUNK_CLASSPATH        plugin jars or directories, ':'-separated, put on the class path; the strategies",
            "                         and token counters they register are found by name (see 'chunk strategies')",
            "  JAVA_OPTS              options for the JVM, e.g. -Xmx64m",
            "",
            "Exit status: 0 success, 2 bad usage or refused input, 1 failure while running.");

    /**
     * The first (largest) size of {@code --levels} (default 2048), which stands in for the size
     * of {@code hierarchical} (the strategy checks the list itself).
     */
    private static int largestLevel(String levels) {
        try {
            return Math.max(1, Integer.parseInt((levels == null ? "2048" : levels).split(",", -1)[0].trim()));
        } catch (NumberFormatException e) {
            return ChunkingOptions.DEFAULT_MAX_SIZE; // the strategy names the bad value
        }
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @return the parsed arguments
     * @throws UsageException naming the offending argument
     * @throws dev.chunking.domain.InvalidOptionsException if the sizes are inconsistent
     */
    public static Arguments parse(String... args) {
        String strategy = "recursive";
        Integer size = null;
        Integer overlap = null;
        int minSize = 0;
        SizeUnit unit = SizeUnit.CHARS;
        String counter = ChunkingOptions.DEFAULT_TOKEN_COUNTER;
        OutputFormat format = OutputFormat.JSONL;
        String out = null;
        Boolean progress = null;
        String checkpoint = null;
        long maxBytes = 0;
        MalformedInputPolicy malformed = MalformedInputPolicy.REPORT;
        StrategyParameters parameters = new StrategyParameters();
        List<String> files = new ArrayList<>();
        boolean onlyFiles = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (onlyFiles || arg.equals("-") || !arg.startsWith("-")) {
                files.add(arg);
                continue;
            }
            switch (arg) {
                case "--" -> onlyFiles = true;
                case "-h", "--help" -> {
                    return new Arguments("help", strategy, ChunkingOptions.defaults(), format, Optional.empty(),
                            Optional.empty(), List.of(), Optional.empty(), 0);
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
                case "--max-bytes" -> maxBytes = longNumber(arg, value(args, ++i, arg), "1000000000");
                case "--progress" -> progress = true;
                case "--no-progress" -> progress = false;
                default -> {
                    if (!StrategyParameters.isOption(arg)) {
                        throw new UsageException("unknown option " + arg + "; see chunk --help");
                    }
                    parameters.set(arg, value(args, ++i, arg));
                }
            }
        }
        if (strategy.equals("hierarchical") && size != null) {
            throw new UsageException("--size does not apply to hierarchical; give its sizes with --levels, e.g. --levels 2048,512,128");
        }
        boolean levels = strategy.equals("hierarchical");
        int max = size != null ? size : levels ? largestLevel(parameters.values().get("levels")) : ChunkingOptions.DEFAULT_MAX_SIZE;
        int lap = overlap != null ? overlap : levels ? 0 : max / 5; // the levels of hierarchical tile the text
        ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(max).overlap(lap).minSize(minSize).unit(unit)
                .tokenCounter(counter).malformedInput(malformed);
        parameters.values().forEach(builder::parameter); // only those given: a strategy refuses any it does not read
        ChunkingOptions options = builder.build();
        if (!files.isEmpty() && files.get(0).equals("strategies") && files.size() == 1) {
            return new Arguments("strategies", strategy, options, format, Optional.empty(), Optional.empty(), List.of(),
                    Optional.empty(), 0);
        }
        if (files.isEmpty()) {
            throw new UsageException("no input file given; name one or more files, or - for standard input (see chunk --help)");
        }
        if (maxBytes < 0) {
            throw new UsageException("--max-bytes " + maxBytes + " is negative; give a byte count, or leave it out for no limit");
        }
        if (checkpoint != null && (files.size() != 1 || files.get(0).equals("-") || out == null)) {
            throw new UsageException("--checkpoint needs exactly one input file (not -) and --out FILE, so that a resumed run"
                    + " can continue the output");
        }
        if (checkpoint != null && format == OutputFormat.STATS) {
            throw new UsageException("--checkpoint cannot be combined with --format stats (a resumed run would count only its"
                    + " own chunks); use jsonl or offsets");
        }
        return new Arguments("chunk", strategy, options, format, Optional.ofNullable(out), Optional.ofNullable(progress),
                List.copyOf(files), Optional.ofNullable(checkpoint), maxBytes);
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
        } catch (dev.chunking.domain.InvalidOptionsException e) {
            throw new UsageException("--unit " + text + " is not known; use chars or tokens");
        }
    }
}
