package dev.chunking.benchmarks.retrieval;

import java.util.List;

/**
 * One question of the set, with the excerpts of one document that answer it.
 *
 * @param id stable id, such as {@code pino-api-03}
 * @param question what a user would ask
 * @param document the file name of the document that answers it
 * @param quotes the answering excerpts, exactly as they stand in the document, at least one
 * @param ranges the code-point span of each quote, in the same order ({@link QuestionRanges}
 *     computes them from the quotes)
 */
public record Question(String id, String question, String document, List<String> quotes, List<Span> ranges) {
    /**
     * Validates and copies the lists.
     *
     * @throws IllegalArgumentException if a text is blank, there is no quote, or the ranges do not
     *     pair with the quotes
     */
    public Question {
        if (id == null || id.isBlank() || question == null || question.isBlank() || document == null || document.isBlank()) {
            throw new IllegalArgumentException("a question needs an id, a question and a document, got id=" + id
                    + ", document=" + document + ", question=" + question);
        }
        if (quotes == null || quotes.isEmpty()) {
            throw new IllegalArgumentException("question " + id + " has no quote; give 1 or more exact excerpts");
        }
        if (ranges == null || ranges.size() != quotes.size()) {
            throw new IllegalArgumentException("question " + id + " has " + quotes.size() + " quotes but "
                    + (ranges == null ? 0 : ranges.size()) + " ranges; run QuestionRanges to compute them");
        }
        quotes = List.copyOf(quotes);
        ranges = List.copyOf(ranges);
    }
}
