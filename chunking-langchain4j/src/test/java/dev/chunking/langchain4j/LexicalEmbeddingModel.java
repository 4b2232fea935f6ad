package dev.chunking.langchain4j;

import dev.chunking.strategy.LexicalEmbedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;

/**
 * A LangChain4j embedding model over the library's {@code lexical} embedder (hashed words and
 * character trigrams): offline and deterministic, so the ingestion tests need no model download.
 * Thread-safe, as the embedder is.
 */
final class LexicalEmbeddingModel implements EmbeddingModel {
    private final LexicalEmbedder embedder = new LexicalEmbedder();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<float[]> vectors = embedder.embed(segments.stream().map(TextSegment::text).toList());
        return Response.from(vectors.stream().map(Embedding::from).toList());
    }

    @Override
    public int dimension() {
        return embedder.dimensions();
    }
}
