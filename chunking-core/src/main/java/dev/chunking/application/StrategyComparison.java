package dev.chunking.application;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.Chunker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs several strategies over the same sample and reports, for each, how its chunks turned
 * out: count, size distribution (in each strategy's own unit), the share that ends on a
 * sentence or paragraph boundary, the share under the min size, and the time taken. Sizes are
 * what the chunks report ({@link Chunk#size()}). Stateless and thread-safe.
 */
public final class StrategyComparison {
    private static final String SENTENCE_ENDS = ".!?\u2026\u3002\uff01\uff1f\uff0e\uff61\u0964\u061f";
    private static final String CLOSERS = ")]}\"'\u2019\u201c\u201d\u00bb\u300d\u300f\uff09\u3011";

    private StrategyComparison() {
    }

    /**
     * One strategy's figures.
     *
     * @param strategy the strategy's name
     * @param options the options it ran with
     * @param chunks how many chunks it made
     * @param minSize the smallest chunk, 0 without chunks
     * @param meanSize the mean chunk size, 0 without chunks
     * @param p50Size the median chunk size (nearest rank)
     * @param p95Size the 95th percentile chunk size (nearest rank)
     * @param maxSize the largest chunk
     * @param boundaryShare the share of chunks, 0 to 1, that end on a sentence or paragraph boundary (or at the end of the sample)
     * @param underMinShare the share of chunks, 0 to 1, smaller than the options' min size
     * @param time how long the chunking took
     */
    public record Row(String strategy, ChunkingOptions options, int chunks, long minSize, double meanSize, long p50Size,
                      long p95Size, long maxSize, double boundaryShare, double underMinShare, Duration time) {
    }

    /**
     * Compares strategies on a sample, timed with {@link System#nanoTime()}.
     *
     * @param sample UTF-8 text, chunked as a whole document by each strategy
     * @param candidates the strategies with their options, in the order of the rows
     * @return one row per candidate
     * @throws InvalidOptionsException if there is no candidate
     */
    public static List<Row> compare(byte[] sample, List<Chunking> candidates) {
        return compare(sample, candidates, System::nanoTime);
    }

    /**
     * Compares strategies on a sample.
     *
     * @param sample UTF-8 text, chunked as a whole document by each strategy
     * @param candidates the strategies with their options, in the order of the rows
     * @param nanoTime the clock that times each run
     * @return one row per candidate
     * @throws InvalidOptionsException if there is no candidate
     */
    public static List<Row> compare(byte[] sample, List<Chunking> candidates, LongSupplier nanoTime) {
        if (candidates.isEmpty()) {
            throw new InvalidOptionsException("no strategies to compare; name at least one (--strategies)");
        }
        List<Row> rows = new ArrayList<>();
        for (Chunking chunking : candidates) {
            List<Chunk> chunks = new ArrayList<>();
            long start = nanoTime.getAsLong();
            try (Chunker chunker = chunking.open(DocumentId.of("sample"), chunks::add)) {
                chunker.feed(sample, 0, sample.length);
                chunker.finish();
            }
            Duration time = Duration.ofNanos(nanoTime.getAsLong() - start);
            rows.add(row(chunking, chunks, sample, time));
        }
        return rows;
    }

    private static Row row(Chunking chunking, List<Chunk> chunks, byte[] sample, Duration time) {
        ChunkingOptions options = chunking.options();
        int n = chunks.size();
        long[] sizes = chunks.stream().mapToLong(Chunk::size).sorted().toArray();
        long boundaries = chunks.stream().filter(c -> endsOnBoundary(sample, c.byteEnd())).count();
        long under = Arrays.stream(sizes).filter(s -> s < options.minSize()).count();
        return new Row(chunking.strategy().name(), options, n, n == 0 ? 0 : sizes[0], n == 0 ? 0 : Arrays.stream(sizes).average().orElse(0),
                rank(sizes, 0.50), rank(sizes, 0.95), n == 0 ? 0 : sizes[n - 1], n == 0 ? 0 : (double) boundaries / n,
                n == 0 ? 0 : (double) under / n, time);
    }

    private static long rank(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /**
     * Whether a chunk ending at byte {@code end} of the sample ends on a boundary: the end of the
     * sample, a blank line in the whitespace around the end (a paragraph), or a sentence mark,
     * possibly followed by closing quotes or brackets, as the last visible character before it.
     */
    static boolean endsOnBoundary(byte[] sample, long end) {
        int e = (int) end;
        int before = e;
        while (before > 0 && isSpace(sample[before - 1])) {
            before--;
        }
        int after = e;
        while (after < sample.length && isSpace(sample[after])) {
            after++;
        }
        if (after == sample.length) {
            return true;
        }
        int newlines = 0;
        for (int i = before; i < after; i++) {
            newlines += sample[i] == '\n' ? 1 : 0;
        }
        if (newlines >= 2) {
            return true;
        }
        String tail = new String(sample, Math.max(0, before - 16), before - Math.max(0, before - 16), StandardCharsets.UTF_8);
        int i = tail.length();
        while (i > 0 && CLOSERS.indexOf(tail.charAt(i - 1)) >= 0) {
            i--;
        }
        if (i == 0 || SENTENCE_ENDS.indexOf(tail.charAt(i - 1)) < 0) {
            return false;
        }
        return before < after || tail.charAt(i - 1) >= '\u3000'; // "v1.|2" ends no sentence; "\u3002|\u6b21" does
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
