package dev.chunking.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.Chunker;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Throughput of chunking a whole 10 MB corpus file, one operation per pass over the file, so
 * that MB/s of input is {@code ops/s × input bytes / 1e6}. Every benchmark reads the same
 * decompressed bytes, loaded once per trial. {@code decodeWhole} and {@code decoderLoop} are the
 * baselines (just decoding UTF-8); {@code character}, {@code recursive} and
 * {@code recursiveStrings} stream the bytes through the library in 64 KiB pieces;
 * {@code langchain4j} is LangChain4j's recursive splitter on the same text.
 *
 * <p>Run through {@link BenchmarkTable} (bin/bench), or directly with
 * {@code java -jar chunking-benchmarks/target/benchmarks.jar ChunkingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// LangChain4j brings slf4j-api without a provider; ERROR silences its "no providers" notice.
// AlwaysPreTouch: without it the first pass over the 2 GiB heap pays the kernel's first-touch page
// faults, on the benchmark thread's own allocations; allocation-heavy rows (hierarchical: 140k
// chunks per pass) then ran at a tenth of their speed for about 1 GiB of allocation, which fell
// into the measured iterations and made their error bars huge.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dslf4j.internal.verbosity=ERROR"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ChunkingBenchmark {
    /** Maximum chunk size, in code points, for every chunking benchmark. */
    public static final int MAX_SIZE = 1000;
    /** Overlap between consecutive chunks, in code points. */
    public static final int OVERLAP = 200;
    /** Document id stamped on every chunk. */
    private static final DocumentId DOCUMENT = DocumentId.of("bench");

    /**
     * Corpus directory: absolute, or relative to the working directory of the benchmark JVM; the
     * default is generated when absent (see {@link BenchmarkInputs#corpusDir(String)}).
     */
    @Param(BenchmarkInputs.DEFAULT_CORPUS_DIR)
    public String corpusDir;

    /** Corpus file in {@link #corpusDir}. */
    @Param({"en-10MB.txt.xz", "multi-10MB.txt.xz"})
    public String file;

    private byte[] input;
    private Chunking character;
    private Chunking recursive;
    private Chunking recursiveTokens;
    private Chunking markdown;
    private Chunking semantic;
    private Chunking hierarchical;
    private Chunking hybrid;
    private DocumentSplitter langchain4j;
    private Encoding o200k;

    /** Creates the state; JMH fills the parameters and calls {@link #setUp()}. */
    public ChunkingBenchmark() {
    }

    /**
     * Decompresses the corpus file and resolves the strategies, once per trial.
     *
     * @throws IOException if the default corpus is absent and cannot be generated
     */
    @Setup
    public void setUp() throws IOException {
        input = BenchmarkInputs.load(BenchmarkInputs.corpusDir(corpusDir).toString(), file); // generated if the default is absent
        character = chunking("character");
        recursive = chunking("recursive");
        recursiveTokens = tokenChunking();
        markdown = structured("markdown");
        semantic = structured("semantic");
        hierarchical = structured("hierarchical");
        hybrid = structured("hybrid");
        langchain4j = DocumentSplitters.recursive(MAX_SIZE, OVERLAP);
        o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /**
     * The recursive strategy at 1000 / 200 o200k_base tokens.
     *
     * @return the chunking
     */
    public static Chunking tokenChunking() {
        return Chunking.of("recursive", ChunkingOptions.builder().maxSize(MAX_SIZE).overlap(OVERLAP)
                .unit(SizeUnit.TOKENS).tokenCounter("o200k_base").build());
    }

    /**
     * Resolves a strategy of the library by name, with the benchmark's options.
     *
     * @param strategy a registered strategy name
     * @return the configured entry point
     */
    public static Chunking chunking(String strategy) {
        return Chunking.of(strategy, ChunkingOptions.builder().maxSize(MAX_SIZE).overlap(OVERLAP).build());
    }

    /**
     * A structure-aware strategy as benchmarked: {@code markdown} and {@code semantic} (built-in
     * lexical embedder) at 1000 / 200; {@code hierarchical} with its default levels 2048 / 512 / 128
     * and no overlap (as {@code bin/chunk} defaults to: the levels tile the text); {@code hybrid}
     * at 1000 / 200 with min size 250, without an embedder; any other strategy as {@link #chunking}.
     *
     * @param strategy a registered strategy name
     * @return the configured entry point
     */
    public static Chunking structured(String strategy) {
        ChunkingOptions.Builder options = ChunkingOptions.builder().maxSize(MAX_SIZE).overlap(OVERLAP);
        if (strategy.equals("hierarchical")) {
            options.maxSize(2048).overlap(0); // hierarchical reads its levels, not the max size; its levels tile the text
        } else if (strategy.equals("hybrid")) {
            options.minSize(MAX_SIZE / 4);
        }
        return Chunking.of(strategy, options.build());
    }

    /**
     * Upper bound: the JDK's fastest decode, the whole input into one String at once.
     *
     * @return the decoded text
     */
    @Benchmark
    public String decodeWhole() {
        return new String(input, StandardCharsets.UTF_8);
    }

    /**
     * Baseline: a naive streaming {@code CharsetDecoder} loop over 64 KiB slices.
     *
     * @return char count and checksum of the decoded text
     */
    @Benchmark
    public BenchmarkInputs.Decoded decoderLoop() {
        return BenchmarkInputs.decodeStreaming(input, BenchmarkInputs.SLICE_BYTES);
    }

    /**
     * The {@code character} strategy; chunks stay UTF-8 and are only handed to the blackhole.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long character(Blackhole bh) {
        return feed(character, input, bh::consume);
    }

    /**
     * The {@code recursive} strategy; chunks stay UTF-8 and are only handed to the blackhole.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long recursive(Blackhole bh) {
        return feed(recursive, input, bh::consume);
    }

    /**
     * The {@code recursive} strategy with {@code chunk.text()} called on every chunk, as a caller
     * that needs Java Strings would.
     *
     * @param bh consumes every chunk's String
     * @return the number of chunks
     */
    @Benchmark
    public long recursiveStrings(Blackhole bh) {
        return feed(recursive, input, chunk -> bh.consume(chunk.text()));
    }

    /**
     * The {@code markdown} strategy (heading outline, blocks, front matter) at 1000 / 200.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long markdown(Blackhole bh) {
        return feed(markdown, input, bh::consume);
    }

    /**
     * The {@code semantic} strategy with the built-in lexical embedder, at 1000 / 200.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long semantic(Blackhole bh) {
        return feed(semantic, input, bh::consume);
    }

    /**
     * The {@code hierarchical} strategy with its default three levels, 2048 / 512 / 128, no overlap.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long hierarchical(Blackhole bh) {
        return feed(hierarchical, input, bh::consume);
    }

    /**
     * The {@code hybrid} strategy without an embedder (sections whole, recursive inside), 1000 / 200, min size 250.
     *
     * @param bh consumes every chunk
     * @return the number of chunks
     */
    @Benchmark
    public long hybrid(Blackhole bh) {
        return feed(hybrid, input, bh::consume);
    }

    /**
     * {@code recursive} sized in o200k_base tokens (1000, overlap 200), counted by jtokkit; each
     * operation takes seconds, so it runs fewer iterations.
     *
     * @param bh consumes the chunks
     * @return the number of chunks
     */
    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 2, time = 2)
    public long recursiveTokens(Blackhole bh) {
        return feed(recursiveTokens, input, bh::consume);
    }

    /**
     * The baseline of {@link #recursiveTokens}: jtokkit counting the o200k_base tokens of the whole
     * decoded text once (the decode included, as the chunker's own decoding is in its figure).
     *
     * @return the token count
     */
    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 2, time = 2)
    public int o200kCount() {
        return o200k.countTokensOrdinary(new String(input, StandardCharsets.UTF_8));
    }

    /**
     * LangChain4j's {@code DocumentSplitters.recursive(1000, 200)} on the whole decoded text
     * (it needs a String, so the decode is part of its cost).
     *
     * @param bh consumes every segment's text
     * @return the number of segments
     */
    @Benchmark
    public long langchain4j(Blackhole bh) {
        return split(langchain4j, input, segment -> bh.consume(segment.text()));
    }

    /**
     * Feeds UTF-8 through a new chunker in {@link BenchmarkInputs#SLICE_BYTES} pieces and finishes it.
     *
     * @param chunking the strategy and options
     * @param utf8 the whole input
     * @param consumer receives every chunk
     * @return the number of chunks emitted
     */
    public static long feed(Chunking chunking, byte[] utf8, Consumer<Chunk> consumer) {
        long[] count = new long[1];
        try (Chunker chunker = chunking.open(DOCUMENT, chunk -> {
            count[0]++;
            consumer.accept(chunk);
        })) {
            for (int offset = 0; offset < utf8.length; offset += BenchmarkInputs.SLICE_BYTES) {
                chunker.feed(utf8, offset, Math.min(BenchmarkInputs.SLICE_BYTES, utf8.length - offset));
            }
            chunker.finish();
        }
        return count[0];
    }

    /**
     * Splits the decoded input with a LangChain4j splitter.
     *
     * @param splitter the splitter
     * @param utf8 the whole input
     * @param consumer receives every segment
     * @return the number of segments
     */
    public static long split(DocumentSplitter splitter, byte[] utf8, Consumer<TextSegment> consumer) {
        List<TextSegment> segments = splitter.split(Document.from(new String(utf8, StandardCharsets.UTF_8)));
        segments.forEach(consumer);
        return segments.size();
    }
}
