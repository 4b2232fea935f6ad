package dev.chunking.springai;

import dev.chunking.strategy.LexicalEmbedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A deterministic, offline Spring AI {@link EmbeddingModel}: the library's lexical embedder
 * (hashed bag of words, 256 dimensions), plus one small constant dimension so that a text without
 * words (which the lexical embedder maps to zero) still has a direction: Spring AI's
 * {@code SimpleVectorStore} refuses to compare zero vectors. It embeds a document's text alone, so
 * that a query with a chunk's exact text finds that chunk at similarity 1. Thread-safe.
 */
final class LexicalEmbeddingModel implements EmbeddingModel {
    /** The constant last component: small next to the lexical part, which has length 1 or 0. */
    private static final float DIRECTION = 1e-3f;

    private final LexicalEmbedder embedder = new LexicalEmbedder();

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<float[]> vectors = embedder.embed(request.getInstructions());
        List<Embedding> embeddings = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            embeddings.add(new Embedding(directed(vectors.get(i)), i));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return directed(embedder.embed(List.of(document.getText())).get(0));
    }

    @Override
    public int dimensions() {
        return embedder.dimensions() + 1;
    }

    private static float[] directed(float[] lexical) {
        float[] vector = Arrays.copyOf(lexical, lexical.length + 1);
        vector[lexical.length] = DIRECTION;
        return vector;
    }
}
