package dev.chunking.benchmarks.retrieval;

import dev.chunking.spi.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every vector an embedder returned, by text, under the embedder's own name: the
 * harness embeds the same sentences (for {@code semantic} and {@code hybrid}) and many of the same
 * chunks at every size and splitter, and a neural model is the slow part of a run. Texts not seen
 * before go to the embedder in batches of {@value #BATCH}. Thread-safe when the embedder is; the
 * cache grows without bound (a benchmark run holds tens of thousands of vectors).
 */
public final class CachingEmbedder implements Embedder {
    /** The most texts sent to the embedder in one call. */
    public static final int BATCH = 256;

    private final Embedder inner;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private long embedded;

    /**
     * Wraps an embedder.
     *
     * @param inner the embedder whose vectors are kept
     */
    public CachingEmbedder(Embedder inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String description() {
        return inner.description() + " (cached)";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeIf(cache::containsKey);
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
            List<float[]> vectors = inner.embed(batch);
            for (int i = 0; i < batch.size(); i++) {
                cache.put(batch.get(i), vectors.get(i));
            }
            synchronized (this) {
                embedded += batch.size();
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(cache.get(t));
        }
        return out;
    }

    /**
     * Returns how many texts reached the wrapped embedder so far.
     *
     * @return texts embedded, each counted once
     */
    public synchronized long embeddedTexts() {
        return embedded;
    }
}
