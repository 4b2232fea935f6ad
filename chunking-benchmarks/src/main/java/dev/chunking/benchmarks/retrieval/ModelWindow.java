package dev.chunking.benchmarks.retrieval;

import dev.chunking.embeddings.onnx.MiniLmEmbedder;
import dev.chunking.spi.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * How much of each chunk the model reads. A sentence model embeds a text from its first tokens only
 * ({@code minilm}: 256 model tokens, {@code [CLS]} and {@code [SEP]} included) and drops the rest, so a
 * chunk longer than that is matched on its start. For one splitter's units this counts how many are
 * longer than the model reads, and what share of the questions' reference text lies in a part of some
 * unit that the model reads: the most of it that retrieval can match on. Immutable; thread-safe when the
 * counter is.
 */
final class ModelWindow {
    private final ToIntFunction<String> counter;
    private final int limit;

    /**
     * Wraps a token counter.
     *
     * @param counter counts a text's model tokens, at most {@code limit} (the count of a longer text is the limit)
     * @param limit the tokens the model reads
     */
    ModelWindow(ToIntFunction<String> counter, int limit) {
        this.counter = Objects.requireNonNull(counter, "counter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
        this.limit = limit;
    }

    /**
     * The window of an embedder that says how it counts, or empty ({@code lexical} reads every word).
     *
     * @param embedder the run's embedder, before caching
     * @return the window of the {@code minilm} plugin, else empty
     */
    static Optional<ModelWindow> of(Embedder embedder) {
        if (embedder instanceof MiniLmEmbedder minilm) {
            return Optional.of(new ModelWindow(minilm::countTokens, minilm.options().maxTokens()));
        }
        return Optional.empty();
    }

    /**
     * The part of a span the model reads: all of it when it counts under the limit, else its longest
     * prefix that does (one token short of the exact cut at worst, as a count at the limit may be one
     * that was truncated).
     *
     * @param document the span's document
     * @param span code points of the document
     * @return a prefix of the span
     */
    Span read(SourceText document, Span span) {
        if (counter.applyAsInt(document.slice(span)) < limit) {
            return span;
        }
        int lo = 0;
        int hi = span.length() - 1;
        while (lo < hi) { // the longest prefix counting under the limit
            int mid = (lo + hi + 1) >>> 1;
            if (counter.applyAsInt(document.slice(new Span(span.start(), span.start() + mid))) < limit) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Span(span.start(), span.start() + lo);
    }

    /**
     * What the model reads of one splitter's units.
     *
     * @param units units indexed
     * @param longer units longer than the model reads
     * @param referenceRead the share (0 to 1) of all questions' reference code points inside a part of some unit
     *     the model reads
     */
    record Reach(int units, int longer, double referenceRead) {
    }

    /**
     * Measures one splitter's units of the documents of a set.
     *
     * @param units the units, each of a document of the set
     * @param set the questions and their documents
     * @return counts and the share read
     */
    Reach measure(List<RetrievalUnit> units, QuestionSet set) {
        Map<String, List<Span>> read = new HashMap<>();
        int longer = 0;
        for (RetrievalUnit u : units) {
            Span r = read(set.documents().get(u.document()), u.embedded());
            longer += r.equals(u.embedded()) ? 0 : 1;
            read.computeIfAbsent(u.document(), d -> new ArrayList<>()).add(r);
        }
        long reference = 0;
        long inside = 0;
        for (Question q : set.questions()) {
            reference += Span.covered(q.ranges());
            inside += Span.overlap(read.getOrDefault(q.document(), List.of()), q.ranges());
        }
        return new Reach(units.size(), longer, reference == 0 ? 0 : (double) inside / reference);
    }
}
