package dev.chunking.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.chunking.application.Chunking;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Measures one strategy's throughput as a ratio to the {@code decoderLoop} baseline (for
 * {@link #TOKENS}, to jtokkit counting the text's o200k_base tokens once), the way the goals are stated, on a machine whose neighbours come and go. JMH runs the two in
 * different seconds, so a neighbour that is busy during one of them moves the ratio; here they
 * alternate pass by pass in one JVM, each pass is timed in wall time as JMH times it (garbage
 * collection pauses included), and the ratio is taken per round, from passes a few milliseconds
 * apart, so a neighbour that takes the CPU spoils a round or two, which the median passes over.
 * (CPU time would ignore the neighbours better but leaves out the collector's threads, and the
 * process CPU time the JDK reports here counts in 10 ms ticks.) Every chunk escapes to a
 * field, as JMH's blackhole makes it, so the compiler cannot drop the objects the strategy
 * builds. Reports the median ratio and its 10th and 90th percentiles over the
 * rounds. Run it through {@code bin/ratio}, which starts one JVM per strategy and corpus file,
 * so no strategy's profile shapes another's compiled code (as JMH's forks do).
 *
 * <p>Usage: {@code RatioHarness CORPUS_DIR FILE STRATEGY [ROUNDS] [WARMUP_SECONDS]}; prints one
 * tab-separated line: file, strategy, rounds, median ratio, p10, p90, median MB/s of the
 * strategy and of the baseline. Not thread-safe; a command-line tool.
 */
public final class RatioHarness {
    /**
     * The strategy name that measures {@code recursive} sized in o200k_base tokens
     * ({@link ChunkingBenchmark#tokenChunking()}) against jtokkit counting the whole decoded text once.
     */
    public static final String TOKENS = "recursiveTokens";
    /** Rounds measured unless told otherwise. */
    public static final int DEFAULT_ROUNDS = 40;
    /** Seconds of warm-up unless told otherwise, alternating the two as in the rounds (about half each). */
    public static final int DEFAULT_WARMUP_SECONDS = 8;

    /** Where every chunk and every pass's result escapes to; volatile, so no write is dropped. */
    @SuppressWarnings("unused")
    private static volatile Object escaped;

    private RatioHarness() {
    }

    /**
     * The result of one measurement.
     *
     * @param rounds rounds measured
     * @param medianRatio median over the rounds of (strategy MB/s) / (baseline MB/s)
     * @param p10 10th percentile of that ratio
     * @param p90 90th percentile of that ratio
     * @param strategyMBs median MB/s of the strategy
     * @param baselineMBs median MB/s of the baseline
     */
    public record Result(int rounds, double medianRatio, double p10, double p90, double strategyMBs, double baselineMBs) {
    }

    /**
     * Runs the measurement.
     *
     * @param args corpus directory, file name, strategy name, optional rounds and warm-up seconds
     */
    public static void main(String[] args) {
        if (args.length < 3 || args.length > 5) {
            System.err.println("usage: RatioHarness CORPUS_DIR FILE STRATEGY [ROUNDS] [WARMUP_SECONDS]");
            System.exit(2);
        }
        int rounds = args.length > 3 ? number(args[3], "ROUNDS") : DEFAULT_ROUNDS;
        int warmup = args.length > 4 ? number(args[4], "WARMUP_SECONDS") : DEFAULT_WARMUP_SECONDS;
        byte[] input = BenchmarkInputs.load(args[0], args[1]);
        Result r = measure(input, args[2], rounds, warmup * 1_000_000_000L);
        System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f%n", args[1], args[2], r.rounds(),
                r.medianRatio(), r.p10(), r.p90(), r.strategyMBs(), r.baselineMBs());
    }

    /**
     * Alternates the baseline and a strategy over the same input: warm-up passes for
     * {@code warmupNanos}, then {@code rounds} rounds of one pass each (the order
     * swapping every round).
     *
     * @param input UTF-8 input
     * @param strategy a strategy name, configured as {@link ChunkingBenchmark#structured} configures it
     * @param rounds rounds to measure, at least 1
     * @param warmupNanos nanoseconds of warm-up, at least 0
     * @return the ratios and throughputs
     */
    public static Result measure(byte[] input, String strategy, int rounds, long warmupNanos) {
        if (rounds < 1 || warmupNanos < 0) {
            throw new IllegalArgumentException("rounds must be at least 1 and warm-up at least 0, got " + rounds + " and "
                    + warmupNanos + " ns");
        }
        boolean tokens = strategy.equals(TOKENS);
        Chunking chunking = tokens ? ChunkingBenchmark.tokenChunking() : ChunkingBenchmark.structured(strategy); // the JMH rows' settings
        Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        LongSupplier baseline = tokens ? () -> o200k.countTokensOrdinary(new String(input, StandardCharsets.UTF_8))
                : () -> BenchmarkInputs.decodeStreaming(input, BenchmarkInputs.SLICE_BYTES).checksum();
        LongSupplier task = () -> ChunkingBenchmark.feed(chunking, input, chunk -> escaped = chunk);
        long sink = 0;
        for (long spent = 0; spent < warmupNanos; ) {
            long t0 = System.nanoTime();
            sink += baseline.getAsLong() + task.getAsLong();
            spent += System.nanoTime() - t0;
        }
        double[] ratio = new double[rounds];
        double[] taskMBs = new double[rounds];
        double[] baseMBs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long baseNanos;
            long taskNanos;
            if (r % 2 == 0) {
                baseNanos = nanos(baseline);
                taskNanos = nanos(task);
            } else {
                taskNanos = nanos(task);
                baseNanos = nanos(baseline);
            }
            ratio[r] = (double) baseNanos / taskNanos;
            taskMBs[r] = input.length / 1e6 / (taskNanos / 1e9);
            baseMBs[r] = input.length / 1e6 / (baseNanos / 1e9);
        }
        escaped = sink; // keeps the warm-up's results alive
        return new Result(rounds, percentile(ratio, 50), percentile(ratio, 10), percentile(ratio, 90),
                percentile(taskMBs, 50), percentile(baseMBs, 50));
    }

    private static long nanos(LongSupplier pass) {
        long t0 = System.nanoTime();
        long result = pass.getAsLong();
        long t1 = System.nanoTime();
        escaped = result; // keeps the result alive
        return Math.max(1, t1 - t0);
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            System.err.println("RatioHarness: " + name + " must be a whole number, got '" + text + "'");
            System.exit(2);
            throw new IllegalStateException(e); // not reached
        }
    }

    /** The nearest-rank percentile of {@code values} (copied, not changed). */
    static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
