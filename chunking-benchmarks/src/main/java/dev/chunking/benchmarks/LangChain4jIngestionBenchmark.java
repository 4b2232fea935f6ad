package dev.chunking.benchmarks;

import dev.chunking.langchain4j.ChunkingDocumentSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

/**
 * LangChain4j's own ingestion path, {@code EmbeddingStoreIngestor} into a fresh
 * {@code InMemoryEmbeddingStore}, on the same document (the first {@value #TEXT_BYTES} bytes of a
 * corpus file) with LangChain4j's default splitter, {@code DocumentSplitters.recursive(1000, 200)},
 * and with this library's drop-in, {@code ChunkingDocumentSplitter.recursive(1000, 200)}. The
 * embedding model only measures each segment's length, so the splitter dominates; one operation
 * ingests the document once, so the ratio of the two rows' ops/s is the speed-up of the whole
 * ingestion.
 *
 * <p>Run with {@code java -jar chunking-benchmarks/target/benchmarks.jar LangChain4jIngestionBenchmark}
 * (about 40 s per corpus file). On a machine whose neighbours come and go, {@link #main(String[])}
 * gives a steadier ratio: the two ingestions alternate pass by pass in one JVM, as in {@link RatioHarness}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// LangChain4j brings slf4j-api without a provider; ERROR silences its "no providers" notice.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dslf4j.internal.verbosity=ERROR"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class LangChain4jIngestionBenchmark {
    /** UTF-8 bytes of the corpus file ingested per operation, at most (cut back to a code-point boundary). */
    public static final int TEXT_BYTES = 1 << 20;

    /** Corpus directory, as in {@link ChunkingBenchmark#corpusDir}. */
    @Param(BenchmarkInputs.DEFAULT_CORPUS_DIR)
    public String corpusDir;

    /** Corpus file in {@link #corpusDir}. */
    @Param({"en-10MB.txt.xz", "multi-10MB.txt.xz"})
    public String file;

    private Document document;
    private DocumentSplitter langchain4j;
    private DocumentSplitter chunking;
    private final EmbeddingModel model = new LengthEmbeddingModel();

    /** Creates the state; JMH fills the parameters and calls {@link #setUp()}. */
    public LangChain4jIngestionBenchmark() {
    }

    /**
     * Loads the document and makes both splitters, once per trial.
     *
     * @throws java.io.IOException if the default corpus is absent and cannot be generated
     */
    @Setup
    public void setUp() throws java.io.IOException {
        load(corpusDir, file);
    }

    /** Loads the document from a corpus directory and file and makes both splitters (also for {@link #main}). */
    private void load(String directory, String name) throws java.io.IOException {
        byte[] input = BenchmarkInputs.load(BenchmarkInputs.corpusDir(directory).toString(), name);
        document = Document.from(prefix(input, TEXT_BYTES));
        langchain4j = DocumentSplitters.recursive(ChunkingBenchmark.MAX_SIZE, ChunkingBenchmark.OVERLAP);
        chunking = ChunkingDocumentSplitter.recursive(ChunkingBenchmark.MAX_SIZE, ChunkingBenchmark.OVERLAP);
    }

    /**
     * The first bytes of UTF-8 text, cut back to the start of a code point, decoded.
     *
     * @param utf8 the text
     * @param bytes at most this many bytes
     * @return the decoded prefix
     */
    static String prefix(byte[] utf8, int bytes) {
        int end = Math.min(bytes, utf8.length);
        while (end > 0 && end < utf8.length && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * LangChain4j's {@code DocumentSplitters.recursive(1000, 200)} in the ingestor.
     *
     * @return the store, holding the segments
     */
    @Benchmark
    public InMemoryEmbeddingStore<TextSegment> langchain4jRecursive() {
        return ingest(langchain4j);
    }

    /**
     * The library's {@code ChunkingDocumentSplitter.recursive(1000, 200)} in the ingestor.
     *
     * @return the store, holding the segments
     */
    @Benchmark
    public InMemoryEmbeddingStore<TextSegment> chunkingRecursive() {
        return ingest(chunking);
    }

    /**
     * Alternates the two ingestions pass by pass in one JVM ({@value #WARMUP_SECONDS} s of warm-up, then
     * the rounds, the order swapping every round) and prints one tab-separated line: file, rounds,
     * median ratio (LangChain4j's time / ours), its 10th and 90th percentiles, and the median MB/s
     * of ours and of LangChain4j's. A command-line tool.
     *
     * @param args optionally the corpus file (default {@code en-10MB.txt.xz}) and the rounds (default 30)
     * @throws java.io.IOException if the default corpus is absent and cannot be generated
     */
    public static void main(String[] args) throws java.io.IOException {
        LangChain4jIngestionBenchmark state = new LangChain4jIngestionBenchmark();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        state.load(BenchmarkInputs.DEFAULT_CORPUS_DIR, args.length > 0 ? args[0] : "en-10MB.txt.xz");
        long warmupEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            state.chunkingRecursive();
            state.langchain4jRecursive();
        }
        double[] ratio = new double[rounds];
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        double mb = state.document.text().getBytes(StandardCharsets.UTF_8).length / 1e6;
        for (int r = 0; r < rounds; r++) {
            long chunkingNanos;
            long langchain4jNanos;
            if (r % 2 == 0) {
                chunkingNanos = nanos(state::chunkingRecursive);
                langchain4jNanos = nanos(state::langchain4jRecursive);
            } else {
                langchain4jNanos = nanos(state::langchain4jRecursive);
                chunkingNanos = nanos(state::chunkingRecursive);
            }
            ratio[r] = (double) langchain4jNanos / chunkingNanos;
            ours[r] = mb / (chunkingNanos / 1e9);
            theirs[r] = mb / (langchain4jNanos / 1e9);
        }
        System.out.printf(java.util.Locale.ROOT, "%s\t%d\t%.2f\t%.2f\t%.2f\t%.1f\t%.1f%n", state.file, rounds,
                RatioHarness.percentile(ratio, 50), RatioHarness.percentile(ratio, 10), RatioHarness.percentile(ratio, 90),
                RatioHarness.percentile(ours, 50), RatioHarness.percentile(theirs, 50));
    }

    /** Seconds of warm-up of {@link #main(String[])}, alternating the two ingestions. */
    static final int WARMUP_SECONDS = 8;

    private static long nanos(java.util.function.Supplier<InMemoryEmbeddingStore<TextSegment>> pass) {
        long t0 = System.nanoTime();
        InMemoryEmbeddingStore<TextSegment> store = pass.get();
        long nanos = System.nanoTime() - t0;
        escaped = store;
        return Math.max(1, nanos);
    }

    /** Where each pass's store escapes to, so the compiler keeps the work. */
    @SuppressWarnings("unused")
    private static volatile Object escaped;

    private InMemoryEmbeddingStore<TextSegment> ingest(DocumentSplitter splitter) {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor.builder().documentSplitter(splitter).embeddingModel(model).embeddingStore(store).build()
                .ingest(document);
        return store;
    }

    /** A two-dimensional "embedding" of a segment's length: next to no cost, so the splitter is what is measured. */
    static final class LengthEmbeddingModel implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> embeddings = new ArrayList<>(segments.size());
            for (TextSegment segment : segments) {
                embeddings.add(Embedding.from(new float[] {1f, segment.text().length()}));
            }
            return Response.from(embeddings);
        }

        @Override
        public int dimension() {
            return 2;
        }
    }
}
