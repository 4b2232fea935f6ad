package dev.chunking.benchmarks;

import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.strategy.CharacterStrategy;
import dev.chunking.strategy.CodePointCounter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What checking a plugin's chunks costs: the {@link LinesPlugin} strategy over a 10 MB corpus
 * file through {@code Chunking} (its chunks checked, and the input limits enforced) and opened
 * directly (neither), next to the built-in {@code character} strategy both ways (input limits
 * only, as built-ins are not checked), so that the check's own share is the difference of the
 * two differences. Small chunks (200 code points, no overlap) make the per-chunk checks weigh
 * the most. Run with {@code java -jar chunking-benchmarks/target/benchmarks.jar PluginCheckBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class PluginCheckBenchmark {
    private static final DocumentId DOCUMENT = DocumentId.of("bench");
    private static final ChunkingOptions OPTIONS = ChunkingOptions.builder().maxSize(200).overlap(0).build();

    /** Corpus directory, as in {@link ChunkingBenchmark#corpusDir}. */
    @Param(BenchmarkInputs.DEFAULT_CORPUS_DIR)
    public String corpusDir;

    /** Corpus file in {@link #corpusDir}. */
    @Param({"en-10MB.txt.xz", "multi-10MB.txt.xz"})
    public String file;

    private byte[] input;
    private final ChunkingStrategy plugin = new LinesPlugin();
    private final ChunkingStrategy character = new CharacterStrategy();
    private final CodePointCounter counter = new CodePointCounter();

    /** Creates the state; JMH fills the parameters and calls {@link #setUp()}. */
    public PluginCheckBenchmark() {
    }

    /**
     * Decompresses the corpus file, once per trial.
     *
     * @throws IOException if the default corpus is absent and cannot be generated
     */
    @Setup
    public void setUp() throws IOException {
        input = BenchmarkInputs.load(BenchmarkInputs.corpusDir(corpusDir).toString(), file);
    }

    /**
     * The plugin through {@code Chunking}: chunks checked, input limits enforced.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long pluginChecked(Blackhole bh) {
        return ChunkingBenchmark.feed(Chunking.of(plugin, OPTIONS, counter), input, bh::consume);
    }

    /**
     * The plugin opened directly: no check, no input limits.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long pluginDirect(Blackhole bh) {
        return feed(plugin, bh);
    }

    /**
     * The built-in {@code character} through {@code Chunking}: input limits only.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long characterThroughChunking(Blackhole bh) {
        return ChunkingBenchmark.feed(Chunking.of(character, OPTIONS, counter), input, bh::consume);
    }

    /**
     * The built-in {@code character} opened directly.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long characterDirect(Blackhole bh) {
        return feed(character, bh);
    }

    private long feed(ChunkingStrategy strategy, Blackhole bh) {
        long[] count = new long[1];
        try (Chunker chunker = strategy.open(DOCUMENT, OPTIONS, counter, chunk -> {
            count[0]++;
            bh.consume(chunk);
        })) {
            for (int offset = 0; offset < input.length; offset += BenchmarkInputs.SLICE_BYTES) {
                chunker.feed(input, offset, Math.min(BenchmarkInputs.SLICE_BYTES, input.length - offset));
            }
            chunker.finish();
        }
        return count[0];
    }
}
