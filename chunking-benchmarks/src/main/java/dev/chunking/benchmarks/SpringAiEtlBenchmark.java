package dev.chunking.benchmarks;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.springai.ChunkingTextSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentTransformer;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.reader.TextReader;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.core.io.ByteArrayResource;

/**
 * Spring AI's ETL path, {@code TextReader} to splitter to {@code SimpleVectorStore}, on the same
 * text with Spring AI's default splitter ({@code new TokenTextSplitter()}: 800 cl100k_base tokens,
 * no overlap) and with {@link ChunkingTextSplitter}: at the same settings ({@code recursive},
 * 800 cl100k_base tokens, no overlap) and with its defaults (the one-line swap: {@code recursive},
 * 1000 code points, 200 overlap). The embedding model costs next to nothing (a two-number vector),
 * so the splitter dominates; the ratio of two rows' ops/s is the speed-up of the whole path.
 * One operation reads, splits and stores the first {@link #chars} chars of a corpus file.
 *
 * <p>Run: {@code java -jar chunking-benchmarks/target/benchmarks.jar SpringAiEtlBenchmark} from
 * the repository root (about a minute and a half).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dslf4j.internal.verbosity=ERROR"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class SpringAiEtlBenchmark {
    /** Spring AI's default chunk size, in cl100k_base tokens, used for the same-settings row. */
    public static final int TOKENS = 800;

    /** Corpus directory, as in {@link ChunkingBenchmark#corpusDir}. */
    @Param(BenchmarkInputs.DEFAULT_CORPUS_DIR)
    public String corpusDir;

    /** Corpus file in {@link #corpusDir}. */
    @Param({"en-10MB.txt.xz"})
    public String file;

    /** How many UTF-16 chars of the file one operation reads, from its start. */
    @Param({"1000000"})
    public int chars;

    private ByteArrayResource resource;
    private DocumentTransformer springAi;
    private DocumentTransformer chunkingTokens;
    private DocumentTransformer chunkingDefaults;
    private SimpleVectorStore store;

    /** Creates the state; JMH fills the parameters and calls {@link #setUp()}. */
    public SpringAiEtlBenchmark() {
    }

    /**
     * Loads the text and builds the splitters, once per trial.
     *
     * @throws IOException if the default corpus is absent and cannot be generated
     */
    @Setup
    public void setUp() throws IOException {
        String text = new String(BenchmarkInputs.load(BenchmarkInputs.corpusDir(corpusDir).toString(), file),
                StandardCharsets.UTF_8);
        int end = Math.min(chars, text.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        resource = new ByteArrayResource(text.substring(0, end).getBytes(StandardCharsets.UTF_8));
        springAi = new TokenTextSplitter();
        chunkingTokens = ChunkingTextSplitter.builder().options(ChunkingOptions.builder().maxSize(TOKENS).overlap(0)
                .unit(SizeUnit.TOKENS).tokenCounter("cl100k_base").build()).build();
        chunkingDefaults = ChunkingTextSplitter.defaults();
    }

    /** A fresh store per iteration, so that stored documents do not pile up across the run. */
    @Setup(Level.Iteration)
    public void newStore() {
        store = SimpleVectorStore.builder(new NearlyFreeEmbeddingModel()).build();
    }

    /**
     * Spring AI's default splitter, {@code new TokenTextSplitter()}.
     *
     * @return the number of documents stored
     */
    @Benchmark
    public int springAiTokenTextSplitter() {
        return etl(springAi);
    }

    /**
     * {@link ChunkingTextSplitter} at Spring AI's settings: recursive, 800 cl100k_base tokens, no overlap.
     *
     * @return the number of documents stored
     */
    @Benchmark
    public int chunkingAtTheSameSettings() {
        return etl(chunkingTokens);
    }

    /**
     * {@link ChunkingTextSplitter#defaults()}: recursive, 1000 code points, 200 overlap.
     *
     * @return the number of documents stored
     */
    @Benchmark
    public int chunkingDefaults() {
        return etl(chunkingDefaults);
    }

    private int etl(DocumentTransformer splitter) {
        List<Document> documents = splitter.transform(new TextReader(resource).read());
        store.write(documents);
        return documents.size();
    }

    /** An embedding model whose cost is negligible next to splitting: a document's vector is its length and 1. */
    static final class NearlyFreeEmbeddingModel implements EmbeddingModel {
        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<String> texts = request.getInstructions();
            Embedding[] embeddings = new Embedding[texts.size()];
            for (int i = 0; i < embeddings.length; i++) {
                embeddings[i] = new Embedding(vector(texts.get(i)), i);
            }
            return new EmbeddingResponse(List.of(embeddings));
        }

        @Override
        public float[] embed(Document document) {
            String text = document.getText(); // null for a media document, which the store refuses before embedding
            return vector(text == null ? "" : text);
        }

        @Override
        public int dimensions() {
            return 2;
        }

        private static float[] vector(String text) {
            return new float[] {text.length(), 1f};
        }
    }
}
