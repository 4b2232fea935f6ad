package dev.chunking.benchmarks;

import dev.chunking.application.Chunking;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.ChunkSink;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamResult;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The memory bound of streaming, proven in JMH: each operation streams {@link #mib} MiB (1 GiB by
 * default) of generated text through {@link StreamingChunker} with one of the six strategies, in a
 * forked JVM whose heap is capped at 64 MiB. The text is one small piece repeated on the fly
 * ({@link RepeatingChannel}), so neither a file nor an array of that size exists. After every
 * iteration the peak resident set size of the whole forked JVM ({@code VmHWM}) is checked; above
 * {@link #rssLimitMb} MB the iteration throws, so JMH reports the benchmark as failed: with
 * {@code -foe true} JMH stops and exits with status 1; without it JMH goes on and exits with 0, so
 * {@code bin/memory-jmh} looks for the failure in the log and exits with 1 itself.
 *
 * <p>The score is seconds per operation (one whole stream). {@link MemoryBoundsProfiler} adds, as
 * secondary results, the input MB/s, the peak RSS and the allocation per input byte; {@code -prof gc}
 * adds JMH's own allocation figures (per operation, that is per stream). Run through
 * {@code bin/memory-jmh}, see docs/benchmarks.md "Memory bounds in JMH".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
// The JVM bin/chunk runs on a large input (see its default flags): the 64 MiB heap cap, one serial
// collector without G1's remembered sets and concurrent threads, a capped code cache and metaspace,
// two compiler threads. bin/chunk compiles in the foreground for every strategy but character and recursive
// (C2's arenas otherwise add up to 20 MB): bin/memory-jmh appends -XX:-BackgroundCompilation for those.
@Fork(value = 1, jvmArgs = {"-Xms8m", "-Xmx64m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=64m",
        "-XX:ReservedCodeCacheSize=32m", "-XX:CICompilerCount=2", "-XX:-UsePerfData"})
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Threads(1)
public class MemoryBoundBenchmark {
    /** Bytes of the piece that the English-like and the multilingual inputs repeat. */
    static final int PIECE_BYTES = 256 * 1024;

    /** The line without any separator: Latin with accents, CJK, Cyrillic and an emoji, no space or punctuation. */
    static final String LINE_PIECE = "Lorem\u00e9\u00e8\u6f22\u5b57\u0444\u0430\u0439\u043b\ud83d\ude00ipsum";

    /** The strategy, configured as in {@link ChunkingBenchmark#structured(String)}. */
    @Param({"character", "recursive", "markdown", "semantic", "hierarchical", "hybrid"})
    public String strategy;

    /**
     * The text: {@code english} (English-like Markdown), {@code multilingual} (fifteen languages,
     * emoji sequences), both {@link SyntheticCorpus} text of seed 13; or {@code line}, a single
     * line without any separator.
     */
    @Param({"english", "multilingual", "line"})
    public String input;

    /** MiB streamed per operation: 1024 for the real run, 64 for a quick one. */
    @Param("1024")
    public long mib;

    /** The most peak RSS of the forked JVM allowed, in MB (10^6 bytes). */
    @Param("100")
    public double rssLimitMb;

    private byte[] piece;
    private Chunking chunking;

    /** Creates the state; JMH fills the parameters and calls {@link #setUp()}. */
    public MemoryBoundBenchmark() {
    }

    /** Generates the piece of text and resolves the strategy, once per fork. */
    @Setup
    public void setUp() {
        piece = piece(input);
        chunking = ChunkingBenchmark.structured(strategy);
    }

    /**
     * The piece of UTF-8 that an input repeats: a few hundred KiB, whole lines for the texts.
     *
     * @param input {@code english}, {@code multilingual} or {@code line}
     * @return well-formed UTF-8 starting at a code point
     * @throws IllegalArgumentException for another name
     */
    static byte[] piece(String input) {
        return switch (input) {
            case "english" -> SyntheticCorpus.english(SyntheticCorpus.SEED, PIECE_BYTES);
            case "multilingual" -> SyntheticCorpus.multilingual(SyntheticCorpus.SEED, PIECE_BYTES);
            case "line" -> LINE_PIECE.repeat(4096).getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("input " + input + " is not known; use english, multilingual or line");
        };
    }

    /**
     * Streams {@link #mib} MiB of the input through the strategy, reading it 64 KiB at a time as
     * {@code bin/chunk} does.
     *
     * @param bh consumes every chunk
     * @return the bytes and chunks of the run
     * @throws IOException never: the channel only copies bytes
     */
    @Benchmark
    public StreamResult stream(Blackhole bh) throws IOException {
        return stream(chunking, piece, mib << 20, bh::consume);
    }

    /**
     * Streams a repeated piece through a strategy.
     *
     * @param chunking the strategy and options
     * @param piece the UTF-8 to repeat
     * @param bytes how many bytes to stream (up to 3 fewer, see {@link RepeatingChannel#size()})
     * @param consumer receives every chunk
     * @return the bytes and chunks of the run
     * @throws IOException never: the channel only copies bytes
     */
    static StreamResult stream(Chunking chunking, byte[] piece, long bytes, ChunkSink consumer) throws IOException {
        return new StreamingChunker(chunking, OperationOptions.defaults())
                .run(DocumentId.of("repeated"), ByteSource.channel("repeated", new RepeatingChannel(piece, bytes)), consumer);
    }

    /**
     * Fails the iteration when the peak RSS of this JVM is above the limit.
     *
     * @throws IllegalStateException naming the figure and the limit
     */
    @TearDown(Level.Iteration)
    public void checkPeakRss() {
        checkPeakRss(strategy + " on " + input, ProcessMemory.peakRssBytes(), rssLimitMb);
    }

    /**
     * Throws when a peak RSS is above a limit.
     *
     * @param run what ran, for the message
     * @param peakRssBytes the peak RSS, in bytes
     * @param limitMb the limit, in MB (10^6 bytes)
     * @throws IllegalStateException naming the figure and the limit
     */
    static void checkPeakRss(String run, long peakRssBytes, double limitMb) {
        if (peakRssBytes > limitMb * 1e6) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: peak RSS of the benchmark JVM is %.1f MB, above the limit of %.0f MB", run, peakRssBytes / 1e6, limitMb));
        }
    }
}
