package dev.chunking.cli;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyComparison;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.streaming.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code chunk compare}: runs each strategy of {@code --strategies} over the same sample, the
 * first {@code --bytes} bytes of a file cut back to a whole UTF-8 character, through
 * {@link StrategyComparison}, and prints one row per strategy as an aligned Markdown table,
 * then one summary line on stderr. Each strategy first chunks the sample's first 16 KiB, untimed,
 * so that one-time costs (class loading, token tables) do not land on whichever row comes first.
 * Every strategy gets the shared sizes and unit and only the parameter options it reads;
 * {@code hierarchical} takes its sizes from {@code --levels}. Not thread-safe.
 */
final class CompareCommand {
    private static final List<String> HEADER = List.of("strategy", "chunks", "min", "mean", "p50", "p95", "max", "boundary %",
            "under min %", "ms");

    /** Bytes of the sample each strategy chunks once, untimed, before the timed runs. */
    private static final int WARM_UP = 16 * 1024;

    private final OutputStream stdout;
    private final PrintStream stderr;
    private final StrategyRegistry registry;

    /**
     * Creates the command.
     *
     * @param stdout where the table goes
     * @param stderr where the summary line goes
     * @param registry where the strategies and token counters are looked up
     */
    CompareCommand(OutputStream stdout, PrintStream stderr, StrategyRegistry registry) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.registry = registry;
    }

    /**
     * Compares the strategies of the arguments on the start of their one file.
     *
     * @param arguments the parsed command line of {@code chunk compare}
     * @throws IOException if reading or writing fails
     * @throws UsageException if the file cannot be read or is not UTF-8, or a parameter option applies to none of the strategies
     * @throws dev.chunking.domain.UnknownPluginException naming the known strategies
     */
    void run(Arguments arguments) throws IOException {
        List<Chunking> candidates = candidates(arguments);
        String file = arguments.files().get(0);
        ByteSource source = Main.fileSource(arguments, file);
        InputErrors.checkText(file, source, arguments.settings().malformed());
        long size = source.size().orElse(-1);
        byte[] sample = InputErrors.reading(file, () -> sample(source, arguments.bytes(), size));
        List<StrategyComparison.Row> rows = InputErrors.reading(file, () -> {
            // untimed warm-up on a short prefix, so the first row does not pay alone for class loading and token tables
            StrategyComparison.compare(Arrays.copyOf(sample, wholeCharacters(sample, Math.min(sample.length, WARM_UP))), candidates);
            return StrategyComparison.compare(sample, candidates);
        });
        stdout.write(table(rows).getBytes(StandardCharsets.UTF_8));
        stdout.flush();
        Arguments.Settings settings = arguments.settings();
        String unit = settings.unit() == SizeUnit.TOKENS ? "tokens of " + settings.tokenCounter() : settings.unit().label();
        String of = sample.length == size ? "the whole document (" + size + " bytes)"
                : "the first " + sample.length + (size >= 0 ? " of " + size : "") + " bytes";
        stderr.println("compare: " + rows.size() + (rows.size() == 1 ? " strategy" : " strategies") + " on " + of
                + ", sizes in " + unit);
    }

    /**
     * Builds each strategy with the shared settings and the parameters it reads.
     *
     * @throws UsageException if a parameter option given is read by none of the strategies
     */
    private List<Chunking> candidates(Arguments arguments) {
        List<ChunkingStrategy> strategies = new ArrayList<>();
        Set<String> read = new HashSet<>();
        for (String name : arguments.strategies()) {
            ChunkingStrategy strategy = registry.strategy(name); // unknown: one line listing the known ones
            strategies.add(strategy);
            read.addAll(strategy.parameters());
        }
        Map<String, String> unread = new LinkedHashMap<>(arguments.settings().parameters());
        unread.keySet().removeAll(read);
        if (!unread.isEmpty()) {
            throw new UsageException("none of " + String.join(", ", arguments.strategies()) + " reads "
                    + Arguments.parameterOptions(registry.strategies()).commandLine(unread) + "; remove that option or compare a strategy that reads it");
        }
        List<Chunking> candidates = new ArrayList<>();
        for (ChunkingStrategy strategy : strategies) {
            Arguments.Settings settings = arguments.settings().onlyParameters(strategy.parameters());
            candidates.add(Chunking.of(registry, strategy.name(), settings.options(strategy.name())));
        }
        return candidates;
    }

    /**
     * Reads at most the first {@code limit} bytes of a file and, when the file goes on, cuts them
     * back to the end of the last whole UTF-8 character, so the sample is well-formed where the
     * file is.
     *
     * @param path the file
     * @param limit at most this many bytes; at most {@link Arguments#MAX_SAMPLE}
     * @param size the file's size, or -1 when it is not a regular file
     * @return the sample
     * @throws IOException if reading fails
     */
    static byte[] sample(Path path, long limit, long size) throws IOException {
        return sample(ByteSource.file(path), limit, size);
    }

    /**
     * Same, from any source.
     *
     * @param source the document
     * @param limit at most this many bytes; at most {@link Arguments#MAX_SAMPLE}
     * @param size the document's size, or -1 when it is not known
     * @return the sample
     * @throws IOException if reading fails
     */
    static byte[] sample(ByteSource source, long limit, long size) throws IOException {
        byte[] bytes;
        try (InputStream in = Channels.newInputStream(source.open(0))) {
            bytes = in.readNBytes((int) Math.min(limit, Arguments.MAX_SAMPLE));
        }
        boolean goesOn = bytes.length == limit && (size < 0 || size > limit);
        return goesOn ? Arrays.copyOf(bytes, wholeCharacters(bytes, bytes.length)) : bytes;
    }

    /**
     * Where the last UTF-8 sequence that {@code n} bytes end with is complete: {@code n}, or the
     * start of a sequence cut short by the end. Bytes that are not UTF-8 are left for the
     * strategies to report.
     *
     * @param bytes the bytes
     * @param n how many of them count
     * @return the length to keep
     */
    static int wholeCharacters(byte[] bytes, int n) {
        int lead = n;
        while (lead > 0 && n - lead < 3 && (bytes[lead - 1] & 0xC0) == 0x80) {
            lead--; // step back over continuation bytes, at most three
        }
        if (lead == 0) {
            return n;
        }
        int b = bytes[lead - 1] & 0xFF;
        int length = b < 0x80 ? 1 : b < 0xC2 ? 0 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
        return length > n - (lead - 1) ? lead - 1 : n;
    }

    /**
     * Formats the rows as a Markdown table whose columns line up: the strategy left-aligned,
     * the figures right-aligned; mean, percentages and milliseconds with one decimal.
     *
     * @param rows the comparison
     * @return the table, one line per row after the header and its rule
     */
    static String table(List<StrategyComparison.Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        for (StrategyComparison.Row row : rows) {
            cells.add(List.of(row.strategy(), Integer.toString(row.chunks()), Long.toString(row.minSize()), decimal(row.meanSize()),
                    Long.toString(row.p50Size()), Long.toString(row.p95Size()), Long.toString(row.maxSize()),
                    decimal(row.boundaryShare() * 100), decimal(row.underMinShare() * 100), decimal(row.time().toNanos() / 1e6)));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> line : cells) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(Math.max(widths[c], 3), line.get(c).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            line(table, cells.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int c = 0; c < widths.length; c++) {
                    rule.add(c == 0 ? ":" + "-".repeat(widths[c] - 1) : "-".repeat(widths[c] - 1) + ":");
                }
                line(table, rule, widths);
            }
        }
        return table.toString();
    }

    private static void line(StringBuilder table, List<String> cells, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            table.append("| ").append(c == 0 ? cell + pad : pad + cell).append(' ');
        }
        table.append("|\n");
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
