package dev.chunking.benchmarks.retrieval;

import java.util.Objects;

/**
 * What the index holds for one chunk: the span whose text is embedded and compared with the
 * question, and the span handed back when it ranks among the top. The two are the same chunk
 * except for small-to-big retrieval ({@code hierarchical}), which embeds a fine chunk and returns
 * its parent.
 *
 * @param document the document's file name
 * @param embedded the span embedded
 * @param returned the span retrieved; contains {@code embedded}
 */
public record RetrievalUnit(String document, Span embedded, Span returned) {
    /**
     * Validates the unit.
     *
     * @throws IllegalArgumentException if the returned span does not contain the embedded one
     */
    public RetrievalUnit {
        Objects.requireNonNull(document, "document");
        if (returned.start() > embedded.start() || returned.end() < embedded.end()) {
            throw new IllegalArgumentException("in " + document + ", returned span " + returned + " does not contain embedded span "
                    + embedded);
        }
    }

    /**
     * A unit that returns the chunk it embeds.
     *
     * @param document the document's file name
     * @param span the chunk's span
     * @return the unit
     */
    public static RetrievalUnit of(String document, Span span) {
        return new RetrievalUnit(document, span, span);
    }
}
