package dev.chunking.benchmarks;

import dev.langchain4j.data.document.splitter.DocumentSplitters;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link ChunkingBenchmark} through the JMH Runner API and prints a Markdown table to
 * standard output: one row per (benchmark, corpus) with MB/s of UTF-8 input and its JMH error,
 * the ratio to {@code decoderLoop} and to {@code langchain4j} on the same corpus, and the number
 * of chunks the benchmark emits. JMH's own progress goes to standard error.
 *
 * <p>Usage: {@code BenchmarkTable CORPUS_DIR [REGEX]}; the regex is searched for in each
 * benchmark's method name (for example {@code recursive} or {@code ^(decoderLoop|character)$}).
 * Settings: 1 fork, 3 warm-up iterations of 2 s, 5 measured iterations of 2 s, throughput, one
 * thread: about 20 s per row (the token rows take longer), about 10 minutes for all 22 rows.
 */
public final class BenchmarkTable {
    /** Preferred row order within a corpus; benchmarks not listed come last. */
    private static final List<String> ORDER = List.of("decodeWhole", "decoderLoop", "character", "recursive",
            "recursiveStrings", "markdown", "semantic", "hierarchical", "hybrid", "langchain4j", "recursiveTokens",
            "o200kCount");
    private static final String BASELINE = "decoderLoop";
    private static final String COMPETITOR = "langchain4j";
    private static final int WARMUP_ITERATIONS = 3;
    private static final int MEASUREMENT_ITERATIONS = 5;
    private static final int ITERATION_SECONDS = 2;

    private BenchmarkTable() {
    }

    /**
     * Runs the benchmarks and prints the table.
     *
     * @param args the corpus directory (absolute, or relative to the working directory; empty for
     *     the default, see {@link BenchmarkInputs#corpusDir(String)}), then optionally a regex
     *     selecting benchmarks by method name
     * @throws RunnerException if JMH cannot run at all
     * @throws IOException if the default corpus is absent and cannot be generated
     */
    public static void main(String[] args) throws RunnerException, IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BenchmarkTable CORPUS_DIR [BENCHMARK_REGEX]   (an empty CORPUS_DIR for the default)");
            System.exit(2);
        }
        System.setProperty("slf4j.internal.verbosity", "ERROR"); // as in the forks, see ChunkingBenchmark
        Path corpusDir = BenchmarkInputs.corpusDir(args[0]);
        if (!Files.isDirectory(corpusDir)) {
            System.err.println("corpus directory not found: " + corpusDir);
            System.exit(2);
        }
        List<String> benchmarks;
        try {
            benchmarks = select(args.length > 1 ? args[1] : "");
        } catch (PatternSyntaxException e) {
            System.err.println("bad benchmark regex: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (benchmarks.isEmpty()) {
            System.err.println("no benchmark matches " + args[1] + "; benchmarks: " + select(""));
            System.exit(2);
        }
        List<String> files = corpusFiles();

        Map<String, Long> inputBytes = new HashMap<>();
        Map<String, String> chunks = new HashMap<>();
        for (String file : files) {
            byte[] input = BenchmarkInputs.load(corpusDir.toString(), file);
            inputBytes.put(file, (long) input.length);
            for (String benchmark : benchmarks) {
                chunks.put(key(benchmark, file), countChunks(benchmark, input));
            }
        }

        Options options = new OptionsBuilder()
                .include(benchmarkRegex(benchmarks))
                .param("corpusDir", corpusDir.toString())
                .param("file", files.toArray(new String[0]))
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .forks(1)
                .threads(1)
                .warmupIterations(WARMUP_ITERATIONS)
                .warmupTime(TimeValue.seconds(ITERATION_SECONDS))
                .measurementIterations(MEASUREMENT_ITERATIONS)
                .measurementTime(TimeValue.seconds(ITERATION_SECONDS))
                .shouldFailOnError(false)
                .build();
        Collection<RunResult> results = new Runner(options,
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL)).run();

        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            scores.put(key(benchmark, result.getParams().getParam("file")), result.getPrimaryResult());
        }
        print(System.out, corpusDir, benchmarks, files, inputBytes, scores, chunks);
    }

    /**
     * Lists the benchmark method names whose name contains a match of the regex, in table order.
     *
     * @param regex searched for in each name; empty selects all
     * @return the selected names
     */
    static List<String> select(String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<String> names = new ArrayList<>();
        for (Method method : ChunkingBenchmark.class.getMethods()) {
            if (method.isAnnotationPresent(Benchmark.class) && pattern.matcher(method.getName()).find()) {
                names.add(method.getName());
            }
        }
        names.sort(Comparator.comparingInt((String name) -> ORDER.contains(name) ? ORDER.indexOf(name) : ORDER.size())
                .thenComparing(Comparator.naturalOrder()));
        return names;
    }

    /** The corpus files, taken from the benchmark's own {@code @Param} so the two cannot drift. */
    private static List<String> corpusFiles() {
        try {
            return Arrays.asList(ChunkingBenchmark.class.getField("file").getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("ChunkingBenchmark has no public field 'file'", e);
        }
    }

    /** A JMH include regex matching exactly the given methods of {@link ChunkingBenchmark}. */
    private static String benchmarkRegex(List<String> benchmarks) {
        List<String> quoted = new ArrayList<>();
        for (String benchmark : benchmarks) {
            quoted.add(Pattern.quote(benchmark));
        }
        return "^" + Pattern.quote(ChunkingBenchmark.class.getName()) + "\\.(?:" + String.join("|", quoted) + ")$";
    }

    /**
     * Runs one benchmark's work once, outside JMH, to count what it emits: a sanity check that the
     * figures belong to real work. A failure is reported on standard error and in the table.
     */
    private static String countChunks(String benchmark, byte[] input) {
        try {
            switch (benchmark) {
                case "character":
                    return Long.toString(ChunkingBenchmark.feed(ChunkingBenchmark.chunking("character"), input, c -> { }));
                case "recursive":
                case "recursiveStrings":
                    return Long.toString(ChunkingBenchmark.feed(ChunkingBenchmark.chunking("recursive"), input, c -> { }));
                case "recursiveTokens":
                    return Long.toString(ChunkingBenchmark.feed(ChunkingBenchmark.tokenChunking(), input, c -> { }));
                case "markdown":
                case "semantic":
                case "hierarchical":
                case "hybrid":
                    return Long.toString(ChunkingBenchmark.feed(ChunkingBenchmark.structured(benchmark), input, c -> { }));
                case "langchain4j":
                    return Long.toString(ChunkingBenchmark.split(
                            DocumentSplitters.recursive(ChunkingBenchmark.MAX_SIZE, ChunkingBenchmark.OVERLAP), input, s -> { }));
                default:
                    return "–";
            }
        } catch (RuntimeException e) {
            System.err.println(benchmark + " failed outside JMH:");
            e.printStackTrace();
            return "error: " + e.getClass().getSimpleName();
        }
    }

    private static String key(String benchmark, String file) {
        return benchmark + "|" + file;
    }

    /** Prints the Markdown table; a benchmark that produced no JMH result shows as failed. */
    private static void print(PrintStream out, Path corpusDir, List<String> benchmarks, List<String> files,
                              Map<String, Long> inputBytes, Map<String, Result<?>> scores, Map<String, String> chunks) {
        out.printf(Locale.ROOT, "Throughput in MB/s of UTF-8 input (1 MB = 10^6 bytes), ± the JMH 99.9%% error;"
                + " JMH 1 fork, %d×%d s warm-up, %d×%d s measured, 1 thread; max size %d, overlap %d;"
                + " Java %s; corpus %s%n%n", WARMUP_ITERATIONS, ITERATION_SECONDS, MEASUREMENT_ITERATIONS,
                ITERATION_SECONDS, ChunkingBenchmark.MAX_SIZE, ChunkingBenchmark.OVERLAP,
                System.getProperty("java.version"), corpusDir);
        out.println("| benchmark | corpus | MB/s | ± | vs decoderLoop | vs langchain4j | chunks |");
        out.println("|---|---|--:|--:|--:|--:|--:|");
        for (String file : files) {
            long bytes = inputBytes.get(file);
            double baseline = megabytesPerSecond(scores.get(key(BASELINE, file)), bytes);
            double competitor = megabytesPerSecond(scores.get(key(COMPETITOR, file)), bytes);
            for (String benchmark : benchmarks) {
                Result<?> score = scores.get(key(benchmark, file));
                String corpus = file.replace(".txt.xz", "");
                if (score == null) {
                    out.printf("| %s | %s | failed (see stderr) | | | | %s |%n", benchmark, corpus,
                            chunks.get(key(benchmark, file)));
                    continue;
                }
                double mbs = megabytesPerSecond(score, bytes);
                double error = score.getScoreError() * bytes / 1e6;
                out.printf(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %s | %s |%n", benchmark, corpus, mbs,
                        Double.isNaN(error) ? "n/a" : String.format(Locale.ROOT, "%.1f", error),
                        ratio(mbs, baseline), ratio(mbs, competitor), chunks.get(key(benchmark, file)));
            }
        }
    }

    /** Converts a JMH throughput score in passes over the input per second to MB/s; NaN if absent. */
    private static double megabytesPerSecond(Result<?> score, long inputBytes) {
        return score == null ? Double.NaN : score.getScore() * inputBytes / 1e6;
    }

    private static String ratio(double value, double reference) {
        return Double.isNaN(reference) || reference == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", value / reference);
    }
}
