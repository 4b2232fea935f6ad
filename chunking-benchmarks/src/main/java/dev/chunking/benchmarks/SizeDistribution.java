package dev.chunking.benchmarks;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the size distribution of the chunks every built-in strategy makes of a corpus file
 * with its default options, as {@code bin/chunk} would run it without settings: the minimum,
 * the 5th percentile, the median and the maximum chunk size in code points. {@code hierarchical}
 * (default levels 2048 / 512 / 128, overlap 0) gets one row per level; {@code semantic} uses its
 * built-in lexical embedder and {@code hybrid} none.
 *
 * <p>Usage: {@code SizeDistribution CORPUS_DIR FILE...}; prints a Markdown table, one row per
 * file and strategy (or level). Not thread-safe; a command-line tool.
 */
public final class SizeDistribution {
    /** The built-in strategies, in the order of the README's table. */
    static final List<String> STRATEGIES = List.of("character", "recursive", "markdown", "semantic", "hierarchical", "hybrid");

    private SizeDistribution() {
    }

    /**
     * Measures and prints.
     *
     * @param args corpus directory, then one or more file names in it (plain or {@code .xz})
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SizeDistribution CORPUS_DIR FILE...");
            System.exit(2);
        }
        System.out.println("| file | strategy | chunks | min | p5 | median | max |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (int f = 1; f < args.length; f++) {
            byte[] input = BenchmarkInputs.load(args[0], args[f]);
            for (String strategy : STRATEGIES) {
                List<List<Integer>> byLevel = new ArrayList<>();
                try (Chunker chunker = chunking(strategy).open(DocumentId.of("sizes"), c -> {
                    int level = strategy.equals("hierarchical") ? c.metadata().level() : 0; // markdown's level is a heading's
                    while (byLevel.size() <= level) {
                        byLevel.add(new ArrayList<>());
                    }
                    byLevel.get(level).add((int) (c.end() - c.start()));
                })) {
                    chunker.feed(input, 0, input.length);
                    chunker.finish();
                }
                for (int level = 0; level < byLevel.size(); level++) {
                    String name = byLevel.size() == 1 ? strategy : strategy + " L" + level;
                    System.out.println(row(args[f], name, byLevel.get(level)));
                }
            }
        }
    }

    /** The strategy with the options {@code bin/chunk} gives it when none are set. */
    static Chunking chunking(String strategy) {
        ChunkingOptions.Builder options = ChunkingOptions.builder();
        if (strategy.equals("hierarchical")) {
            options.maxSize(2048).overlap(0); // its levels' largest size; the levels tile the text
        }
        return Chunking.of(strategy, options.build());
    }

    /** One table row: the count, min, p5, median and max of the sizes (nearest rank). */
    static String row(String file, String strategy, List<Integer> sizes) {
        int[] sorted = sizes.stream().mapToInt(Integer::intValue).sorted().toArray();
        if (sorted.length == 0) {
            return String.format(Locale.ROOT, "| %s | %s | 0 | | | | |", file, strategy);
        }
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d |", file, strategy, sorted.length, sorted[0],
                rank(sorted, 5), rank(sorted, 50), sorted[sorted.length - 1]);
    }

    /** The value at a percentile of sorted values (nearest rank). */
    static int rank(int[] sorted, int percent) {
        int r = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, r - 1))];
    }
}
