package dev.chunking.embeddings.onnx;

import dev.chunking.domain.InvalidOptionsException;
import java.util.Properties;

/**
 * How {@link MiniLmEmbedder} runs the model: its share of the processor, its batches and how
 * much of a long text it reads. An immutable value; the compact constructor refuses values out of
 * range with an {@link InvalidOptionsException} that names the value, the range and the setting.
 *
 * @param threads ONNX Runtime's intra-op threads per embedder, the calling thread included:
 *     1 to {@value #LIMIT_THREADS} (default {@value #DEFAULT_THREADS}). ONNX Runtime would
 *     otherwise take one per core; concurrent callers of one embedder share this pool
 * @param batchSize texts per run of the model, 1 to {@value #LIMIT_BATCH_SIZE} (default
 *     {@value #DEFAULT_BATCH_SIZE}: each text alone); a call with more texts runs several batches,
 *     texts of similar length together. Larger batches run faster on several threads, but the
 *     quantised model quantises a batch's activations with one scale, so a text's vector then
 *     depends on the texts it is batched with (a cosine to its vector alone of about 0.95 or more, where
 *     1 would be the same); with batches of 1 a text's vector depends on that text alone
 * @param maxTokens model tokens read per text, {@code [CLS]} and {@code [SEP]} included, 8 to
 *     {@value #LIMIT_MAX_TOKENS} (default {@value #DEFAULT_MAX_TOKENS}, the length the model was
 *     trained on); a longer text is embedded from its beginning
 */
public record MiniLmOptions(int threads, int batchSize, int maxTokens) {
    /** Default intra-op threads: 1, so one chunking thread uses one core. */
    public static final int DEFAULT_THREADS = 1;
    /** Most intra-op threads accepted: 64. */
    public static final int LIMIT_THREADS = 64;
    /** Default texts per model run: 1, so that a text's vector depends on that text alone. */
    public static final int DEFAULT_BATCH_SIZE = 1;
    /** Most texts per model run accepted: 1024. */
    public static final int LIMIT_BATCH_SIZE = 1024;
    /** Default tokens per text: 256, the sequence length all-MiniLM-L6-v2 was trained with. */
    public static final int DEFAULT_MAX_TOKENS = 256;
    /** Most tokens per text accepted: 512, the model's position embeddings. */
    public static final int LIMIT_MAX_TOKENS = 512;
    /** Fewest tokens per text accepted: 8 ({@code [CLS]}, {@code [SEP]} and a few word pieces). */
    public static final int MIN_MAX_TOKENS = 8;

    /** System property read by {@link #fromSystemProperties}: intra-op threads. */
    public static final String THREADS_PROPERTY = "chunking.minilm.threads";
    /** System property read by {@link #fromSystemProperties}: texts per model run. */
    public static final String BATCH_SIZE_PROPERTY = "chunking.minilm.batch-size";
    /** System property read by {@link #fromSystemProperties}: tokens per text. */
    public static final String MAX_TOKENS_PROPERTY = "chunking.minilm.max-tokens";

    /**
     * Checks the ranges.
     *
     * @throws InvalidOptionsException naming the value, the range and the setting when one is out of range
     */
    public MiniLmOptions {
        check("threads", THREADS_PROPERTY, threads, 1, LIMIT_THREADS, DEFAULT_THREADS);
        check("batch size", BATCH_SIZE_PROPERTY, batchSize, 1, LIMIT_BATCH_SIZE, DEFAULT_BATCH_SIZE);
        check("max tokens", MAX_TOKENS_PROPERTY, maxTokens, MIN_MAX_TOKENS, LIMIT_MAX_TOKENS, DEFAULT_MAX_TOKENS);
    }

    /**
     * Returns the defaults: {@value #DEFAULT_THREADS} thread, batches of
     * {@value #DEFAULT_BATCH_SIZE} text, {@value #DEFAULT_MAX_TOKENS} tokens per text.
     *
     * @return the default options
     */
    public static MiniLmOptions defaults() {
        return new MiniLmOptions(DEFAULT_THREADS, DEFAULT_BATCH_SIZE, DEFAULT_MAX_TOKENS);
    }

    /**
     * Returns these options with another thread count.
     *
     * @param count intra-op threads
     * @return the new options
     * @throws InvalidOptionsException if the count is out of range
     */
    public MiniLmOptions withThreads(int count) {
        return new MiniLmOptions(count, batchSize, maxTokens);
    }

    /**
     * Returns these options with another batch size.
     *
     * @param size texts per model run
     * @return the new options
     * @throws InvalidOptionsException if the size is out of range
     */
    public MiniLmOptions withBatchSize(int size) {
        return new MiniLmOptions(threads, size, maxTokens);
    }

    /**
     * Returns these options with another token limit.
     *
     * @param tokens tokens per text
     * @return the new options
     * @throws InvalidOptionsException if the limit is out of range
     */
    public MiniLmOptions withMaxTokens(int tokens) {
        return new MiniLmOptions(threads, batchSize, tokens);
    }

    /**
     * Reads the options from properties, each absent one at its default: {@value #THREADS_PROPERTY},
     * {@value #BATCH_SIZE_PROPERTY}, {@value #MAX_TOKENS_PROPERTY}. This is how a host that finds
     * the embedder through {@link java.util.ServiceLoader} (such as the {@code chunk} command,
     * {@code JAVA_OPTS=-Dchunking.minilm.threads=2}) sets them.
     *
     * @param properties where to look, such as {@link System#getProperties()}
     * @return the options
     * @throws InvalidOptionsException naming the property when a value is not a whole number or out of range
     */
    public static MiniLmOptions fromProperties(Properties properties) {
        return new MiniLmOptions(number(properties, THREADS_PROPERTY, DEFAULT_THREADS),
                number(properties, BATCH_SIZE_PROPERTY, DEFAULT_BATCH_SIZE),
                number(properties, MAX_TOKENS_PROPERTY, DEFAULT_MAX_TOKENS));
    }

    /**
     * Reads the options from the system properties, as {@link #fromProperties} does.
     *
     * @return the options
     * @throws InvalidOptionsException naming the property when a value is not a whole number or out of range
     */
    public static MiniLmOptions fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    private static int number(Properties properties, String name, int otherwise) {
        String value = properties.getProperty(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException("minilm embedder: " + name + "=" + value + " is not a whole number; set it"
                    + " to one (default " + otherwise + ") or leave it out");
        }
    }

    private static void check(String what, String property, int value, int min, int max, int otherwise) {
        if (value < min || value > max) {
            throw new InvalidOptionsException("minilm embedder: " + what + " " + value + " is outside " + min + ".." + max
                    + "; choose a value in that range (default " + otherwise + "; as a system property: " + property + ")");
        }
    }
}
