package dev.chunking.benchmarks.retrieval;

import dev.chunking.spi.Embedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The retrieval benchmark's own {@code minilm}: all-MiniLM-L6-v2 (quantised, 384 dimensions)
 * through LangChain4j's in-process ONNX module, whose jar carries the model, so nothing is
 * downloaded. The harness registers it only when no {@code minilm} {@link Embedder} plugin (the
 * planned {@code chunking-embeddings-onnx} module) is on the class path, so the plugin takes over
 * once it exists. The model loads on the first call; texts of one call are embedded in parallel on
 * {@code threads} daemon threads. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
    /** The registered name. */
    public static final String NAME = "minilm";

    private final int threads;
    private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;

    /**
     * Configures the embedder; the model is loaded on the first {@link #embed}.
     *
     * @param threads threads that embed the texts of one call in parallel, at least 1
     */
    public MiniLmEmbedder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be at least 1");
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "all-MiniLM-L6-v2, quantised, in-process through LangChain4j's ONNX module (the benchmark's own)";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t));
        }
        List<Embedding> embeddings = model().embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            out.add(e.vector());
        }
        return out;
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel model() {
        AllMiniLmL6V2QuantizedEmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "minilm");
                        t.setDaemon(true);
                        return t;
                    });
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
                    model = m;
                }
            }
        }
        return m;
    }
}
