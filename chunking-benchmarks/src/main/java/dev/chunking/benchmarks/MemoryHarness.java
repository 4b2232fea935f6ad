package dev.chunking.benchmarks;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamResult;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures streaming throughput and the peak resident memory of the whole JVM process on very
 * large inputs, meant to run under {@code -Xmx64m} (see {@code bin/memory-bench}). Modes:
 * <ul>
 *   <li>{@code inmemory CORPUS.xz STRATEGY SECONDS}: the baseline, the same strategy over the
 *       corpus held in memory, repeated for the given time;</li>
 *   <li>{@code inmemory-line MIB STRATEGY SECONDS}: the baseline for {@code line}, the same
 *       strategy over that many MiB of the same line held in memory;</li>
 *   <li>{@code file PATH STRATEGY}: streams a file from disk;</li>
 *   <li>{@code line GIB STRATEGY}: streams a generated single line without any separator.</li>
 * </ul>
 * Prints one tab-separated line: mode, strategy, bytes, chunks, seconds, MB/s, peak RSS in MB.
 */
public final class MemoryHarness {
    private MemoryHarness() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws IOException if reading fails
     */
    public static void main(String[] args) throws IOException {
        String mode = args[0];
        String strategy = args[2];
        Chunking chunking = Chunking.of(strategy, ChunkingOptions.builder().maxSize(1000).overlap(200).build());
        long[] chunks = {0};
        long started = System.nanoTime();
        long bytes;
        switch (mode) {
            case "inmemory", "inmemory-line" -> {
                byte[] corpus = mode.equals("inmemory") ? BenchmarkInputs.load(Path.of(args[1]))
                        : readAll(oneLine(Long.parseLong(args[1]) << 20));
                long until = started + (long) (Double.parseDouble(args[3]) * 1e9);
                bytes = 0;
                long warm = started + (long) 3e9; // leave the first seconds to the JIT
                while (System.nanoTime() < warm) {
                    ChunkingBenchmark.feed(chunking, corpus, c -> chunks[0]++);
                }
                started = System.nanoTime();
                until = Math.max(until, started + (long) 5e9);
                chunks[0] = 0;
                while (System.nanoTime() < until) {
                    chunks[0] += ChunkingBenchmark.feed(chunking, corpus, c -> { }) ;
                    bytes += corpus.length;
                }
            }
            case "file" -> {
                StreamResult result = new StreamingChunker(chunking, OperationOptions.defaults())
                        .run(DocumentId.of(args[1]), ByteSource.file(Path.of(args[1])), c -> chunks[0]++);
                bytes = result.bytes();
            }
            case "line" -> {
                long total = (long) (Double.parseDouble(args[1]) * (1L << 30));
                StreamResult result = new StreamingChunker(chunking, OperationOptions.defaults())
                        .run(DocumentId.of("line"), ByteSource.channel("line", oneLine(total)), c -> chunks[0]++);
                bytes = result.bytes();
            }
            default -> throw new IllegalArgumentException("mode " + mode + " is not known; use inmemory, file or line");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%.1f\t%.0f\t%.1f%n", mode, strategy, bytes, chunks[0], seconds,
                bytes / 1e6 / seconds, peakRssMegabytes());
    }

    private static byte[] readAll(RepeatingChannel line) {
        ByteBuffer all = ByteBuffer.allocate((int) line.size());
        while (line.read(all) > 0) {
            // fill
        }
        return all.array();
    }

    /** VmHWM of this process: the peak resident set size, in MiB (printed as MB since the first runs). */
    static double peakRssMegabytes() {
        return ProcessMemory.peakRssBytes() / 1048576.0;
    }

    /** A single line of mixed scripts without whitespace, produced on the fly. */
    private static RepeatingChannel oneLine(long total) {
        return new RepeatingChannel(MemoryBoundBenchmark.piece("line"), total);
    }
}
