package dev.chunking.spi;

import java.util.List;

/**
 * Turns texts into vectors whose cosine distance says how different their meanings are (the
 * {@code Embedder} port, used by the {@code semantic} strategy to find where the topic shifts).
 * Found by {@link #name()} in a registry, as strategies are ({@link PluginLookup}): a plugin jar
 * registers an implementation in {@code META-INF/services/dev.chunking.spi.Embedder} (and
 * {@code provides} in its {@code module-info}) for {@link java.util.ServiceLoader}, or a host
 * hands it to a registry it builds. The built-in {@code "lexical"} embedder hashes words and
 * character trigrams, offline and deterministic. Implementations are thread-safe: one instance
 * serves concurrent chunkers.
 */
public interface Embedder {
    /**
     * Returns the stable name used to select the embedder, such as {@code "lexical"}.
     *
     * @return lower-case name without spaces
     */
    String name();

    /**
     * Returns a one-line description for listings.
     *
     * @return a short sentence
     */
    String description();

    /**
     * Embeds a batch of texts. Batches let remote models amortise a round trip; callers send
     * as many texts as they have at hand, in document order.
     *
     * <p>A failure (a model that cannot be reached, a text the model refuses) is thrown as any
     * {@link RuntimeException}; the caller wraps it in a
     * {@link dev.chunking.domain.ChunkingException} naming the document and position.
     *
     * @param texts the texts, possibly empty; no element is null
     * @return one vector per text, in the same order; every vector has the same length, also
     *     across calls on one instance
     */
    List<float[]> embed(List<String> texts);
}
