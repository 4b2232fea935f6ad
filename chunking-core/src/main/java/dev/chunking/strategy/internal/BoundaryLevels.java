package dev.chunking.strategy.internal;

/**
 * Which boundaries a chunker without a document structure may end a chunk at before the max size.
 * In every case a chunk that finds none ends at the max size, on a grapheme cluster boundary.
 */
public enum BoundaryLevels {
    /** None: every chunk but the last holds the max size (a fixed window; {@code character} with {@code ends=max}). */
    GRAPHEMES,
    /** Paragraph boundaries, those before a heading first ({@code character}). */
    PARAGRAPHS,
    /** Paragraph, line, sentence and word boundaries, in that order ({@code recursive}). */
    ALL
}
