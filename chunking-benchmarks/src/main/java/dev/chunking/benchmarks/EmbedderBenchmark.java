package dev.chunking.benchmarks;

import dev.chunking.embeddings.onnx.MiniLmEmbedder;
import dev.chunking.embeddings.onnx.MiniLmOptions;
import dev.chunking.spi.Embedder;
import dev.chunking.strategy.LexicalEmbedder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * Throughput of the two embedders on the sentences {@code semantic} sends them: the corpus file's
 * first {@value #SENTENCES} sentences (cut at ". ", "? ", "! " and line ends, blank ones dropped),
 * embedded in calls of {@value #CALL} (the strategy's default {@code batch-size}), round and round.
 * One operation is one call; the auxiliary counters {@code sentences} and {@code bytes} are
 * reported per second, so the rows read directly as sentences/s and bytes/s of UTF-8 text (MB/s
 * is {@code bytes / 1e6}). {@code lexical} and {@code minilm} run in the same trial set;
 * {@code threads} (ONNX Runtime's intra-op threads) applies to {@code minilm} only, and
 * {@code batchSize} is minilm's texts per model run.
 *
 * <p>Run: {@code java -jar chunking-benchmarks/target/benchmarks.jar EmbedderBenchmark}; a short run:
 * add {@code -wi 1 -w 5 -i 3 -r 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Threads(1)
public class EmbedderBenchmark {
    /** Sentences taken from the corpus file. */
    static final int SENTENCES = 4096;
    /** Sentences per call to the embedder, as {@code semantic} sends them by default. */
    static final int CALL = 32;

    /** Corpus directory, absolute or relative to the working directory. */
    @Param(BenchmarkInputs.DEFAULT_CORPUS_DIR)
    public String corpusDir;

    /** Corpus file. */
    @Param({"en-10MB.txt.xz"})
    public String file;

    /** The embedder: {@code lexical} (built in) or {@code minilm}. */
    @Param({"lexical", "minilm"})
    public String embedder;

    /** ONNX Runtime's intra-op threads for {@code minilm}. */
    @Param({"1"})
    public int threads;

    /** Texts per model run for {@code minilm}. */
    @Param({"16"})
    public int batchSize;

    private List<List<String>> calls;
    private long[] callBytes;
    private Embedder instance;
    private int next;

    /** Creates the state; JMH fills the parameters. */
    public EmbedderBenchmark() {
    }

    /** Per-iteration totals that JMH reports as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Sentences embedded. */
        public long sentences;
        /** UTF-8 bytes of the sentences embedded. */
        public long bytes;

        /** Creates the counters. */
        public Counters() {
        }

        /** Zeroes the totals before each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            sentences = 0;
            bytes = 0;
        }
    }

    /**
     * Loads the corpus, cuts the sentences, and creates (and for minilm, loads) the embedder.
     *
     * @throws IOException if the default corpus is absent and cannot be generated
     */
    @Setup
    public void setUp() throws IOException {
        byte[] input = BenchmarkInputs.load(BenchmarkInputs.corpusDir(corpusDir).toString(), file);
        List<String> sentences = sentences(new String(input, 0, Math.min(input.length, 4 << 20), StandardCharsets.UTF_8),
                SENTENCES);
        calls = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        for (int from = 0; from + CALL <= sentences.size(); from += CALL) {
            List<String> call = List.copyOf(sentences.subList(from, from + CALL));
            calls.add(call);
            bytes.add(call.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum());
        }
        callBytes = bytes.stream().mapToLong(Long::longValue).toArray();
        instance = embedder.equals(MiniLmEmbedder.NAME)
                ? new MiniLmEmbedder(MiniLmOptions.defaults().withThreads(threads).withBatchSize(batchSize)).load()
                : new LexicalEmbedder();
    }

    /** Releases the model's native session. */
    @TearDown
    public void tearDown() {
        if (instance instanceof MiniLmEmbedder minilm) {
            minilm.close();
        }
    }

    /**
     * Sentences of a text, cut simply (the benchmark needs realistic lengths, not the strategy's rules).
     *
     * @param text the text
     * @param most how many to take at most
     * @return the sentences, stripped, none blank
     */
    static List<String> sentences(String text, int most) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length() && out.size() < most; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || ((c == '.' || c == '?' || c == '!') && i + 1 < text.length() && text.charAt(i + 1) == ' ');
            if (end) {
                String s = text.substring(start, i + 1).strip();
                if (!s.isEmpty()) {
                    out.add(s.length() > 2048 ? s.substring(0, 2048) : s);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * Embeds the next call's sentences.
     *
     * @param counters the totals
     * @return the vectors, so that the work is not optimised away
     */
    @Benchmark
    public List<float[]> embed(Counters counters) {
        int call = next;
        next = (next + 1) % calls.size();
        counters.sentences += CALL;
        counters.bytes += callBytes[call];
        return instance.embed(calls.get(call));
    }
}
