package dev.chunking.benchmarks;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.embeddings.onnx.MiniLmEmbedder;
import dev.chunking.spi.Chunker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares the chunks {@code semantic} and {@code hybrid} make with the {@code lexical} and the
 * {@code minilm} embedder on the same text: each one's size distribution (code points: min, p5,
 * median, p95, max), its time and rate, and how far their boundaries agree (the share of one
 * run's boundaries, chunk ends before the last, within {@value #NEAR} code points of a boundary
 * of the other run, each way, and the share that are exactly equal). Options are
 * {@code bin/chunk}'s defaults (size 1000, overlap 200, min size 250) plus the embedder.
 *
 * <p>Usage: {@code EmbedderComparison CORPUS_DIR PREFIX_BYTES FILE...}: each file's first
 * {@code PREFIX_BYTES} bytes (cut back to a whole UTF-8 character; 0 for the whole file). Prints
 * two Markdown tables. A command-line tool; not thread-safe.
 */
public final class EmbedderComparison {
    /** Boundaries this close, in code points, count as agreeing. */
    static final int NEAR = 50;
    private static final List<String> EMBEDDERS = List.of("lexical", "minilm");
    private static final List<String> STRATEGIES = List.of("semantic", "hybrid");

    private EmbedderComparison() {
    }

    /** One run's chunk ends and sizes, and how long it took. */
    private record Run(long[] boundaries, int[] sizes, double seconds) {
    }

    /**
     * Runs the comparison and prints the tables.
     *
     * @param args corpus directory, prefix bytes, one or more file names
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: EmbedderComparison CORPUS_DIR PREFIX_BYTES FILE...");
            System.exit(2);
        }
        StrategyRegistry registry = StrategyRegistry.load();
        ((MiniLmEmbedder) registry.embedder(MiniLmEmbedder.NAME)).load(); // the model's load is not part of the first run's time
        long prefix = Long.parseLong(args[1]);
        StringBuilder sizes = new StringBuilder("| file | bytes | strategy | embedder | chunks | min | p5 | median | p95 | max |"
                + " seconds | MB/s |\n|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder agreement = new StringBuilder("| file | strategy | lexical boundaries near a minilm one | minilm"
                + " boundaries near a lexical one | exactly equal |\n|---|---|---:|---:|---:|\n");
        for (int f = 2; f < args.length; f++) {
            byte[] all = BenchmarkInputs.load(args[0], args[f]);
            int length = prefix <= 0 || prefix >= all.length ? all.length : (int) prefix;
            while (length < all.length && length > 0 && (all[length] & 0xC0) == 0x80) {
                length--; // not inside a character
            }
            byte[] input = Arrays.copyOf(all, length);
            for (String strategy : STRATEGIES) {
                List<Run> runs = new ArrayList<>();
                for (String embedder : EMBEDDERS) {
                    Run run = run(registry, strategy, embedder, input);
                    runs.add(run);
                    sizes.append(sizeRow(args[f], input.length, strategy, embedder, run));
                    System.err.println("done: " + args[f] + " " + strategy + " " + embedder + " in " + run.seconds() + " s");
                }
                Run lexical = runs.get(0);
                Run minilm = runs.get(1);
                agreement.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% | %.1f %% | %.1f %% |%n", args[f], strategy,
                        100 * near(lexical.boundaries(), minilm.boundaries(), NEAR),
                        100 * near(minilm.boundaries(), lexical.boundaries(), NEAR),
                        100 * near(lexical.boundaries(), minilm.boundaries(), 0)));
            }
        }
        System.out.println(sizes);
        System.out.println(agreement);
    }

    private static Run run(StrategyRegistry registry, String strategy, String embedder, byte[] input) {
        Chunking chunking = Chunking.of(registry, strategy, ChunkingOptions.builder().parameter("embedder", embedder).build());
        List<Long> ends = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long start = System.nanoTime();
        try (Chunker chunker = chunking.open(DocumentId.of("compare"), c -> {
            ends.add(c.end());
            sizes.add((int) (c.end() - c.start()));
        })) {
            for (int at = 0; at < input.length; at += BenchmarkInputs.SLICE_BYTES) {
                chunker.feed(input, at, Math.min(BenchmarkInputs.SLICE_BYTES, input.length - at));
            }
            chunker.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] boundaries = ends.stream().mapToLong(Long::longValue).limit(Math.max(0, ends.size() - 1)).sorted().toArray();
        return new Run(boundaries, sizes.stream().mapToInt(Integer::intValue).sorted().toArray(), seconds);
    }

    /** The share of {@code from}'s boundaries within {@code distance} of one of {@code to}'s (both sorted). */
    static double near(long[] from, long[] to, int distance) {
        if (from.length == 0) {
            return 1;
        }
        int hits = 0;
        for (long b : from) {
            int i = Arrays.binarySearch(to, b);
            if (i >= 0) {
                hits++;
                continue;
            }
            int after = -i - 1;
            boolean close = (after < to.length && to[after] - b <= distance) || (after > 0 && b - to[after - 1] <= distance);
            if (close) {
                hits++;
            }
        }
        return (double) hits / from.length;
    }

    private static String sizeRow(String file, int bytes, String strategy, String embedder, Run run) {
        int[] s = run.sizes();
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %d | %d | %d | %d | %d | %.1f | %.3f |%n", file, bytes,
                strategy, embedder, s.length, s[0], SizeDistribution.rank(s, 5), SizeDistribution.rank(s, 50), SizeDistribution.rank(s, 95), s[s.length - 1], run.seconds(),
                bytes / 1e6 / run.seconds());
    }
}
