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
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
                        : readAll(new OneLine(Long.parseLong(args[1]) << 20));
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
                        .run(DocumentId.of("line"), ByteSource.channel("line", new OneLine(total)), c -> chunks[0]++);
                bytes = result.bytes();
            }
            default -> throw new IllegalArgumentException("mode " + mode + " is not known; use inmemory, file or line");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%.1f\t%.0f\t%.1f%n", mode, strategy, bytes, chunks[0], seconds,
                bytes / 1e6 / seconds, peakRssMegabytes());
    }

    private static byte[] readAll(OneLine line) {
        ByteBuffer all = ByteBuffer.allocate((int) line.total);
        while (line.read(all) > 0) {
            // fill
        }
        return all.array();
    }

    /** VmHWM of this process: the peak resident set size, in MB. */
    static double peakRssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** A single line of mixed scripts without whitespace, produced on the fly. */
    static final class OneLine implements ReadableByteChannel {
        private final byte[] pattern = "Lorem\u00e9\u00e8\u6f22\u5b57\u0444\u0430\u0439\u043b\ud83d\ude00ipsum".repeat(4096)
                .getBytes(StandardCharsets.UTF_8);
        private final long total;
        private long produced;
        private int at;

        OneLine(long total) {
            this.total = total;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (produced >= total) {
                return -1;
            }
            int n = 0;
            while (dst.hasRemaining() && produced < total) {
                int k = (int) Math.min(Math.min(dst.remaining(), pattern.length - at), total - produced);
                dst.put(pattern, at, k);
                at = (at + k) % pattern.length;
                produced += k;
                n += k;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
