package dev.chunking.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where the segments of a splitter that does not report offsets lie in the source.
 * LangChain4j's splitters trim their pieces and join them again with {@code "\n\n"}, {@code "\n"}
 * or {@code " "}, so a segment is a slice of the source only up to whitespace. The aligner
 * therefore compares the texts with all whitespace removed: each segment's non-whitespace
 * characters are searched in the source's, and the span runs from the source position of its
 * first such character to the one after its last. Segments come in order and overlap the one
 * before by at most the splitter's overlap, so the search starts that far before the previous
 * segment's end (where text repeats, an earlier copy would match too); only a segment not found
 * there is searched from the previous segment's start, then from the beginning. Not thread-safe:
 * it carries the search position; one instance per document and pass.
 */
public final class SegmentAligner {
    private final SourceText document;
    private final String squeezed;
    private final int[] position;
    private final int maxOverlap;
    private int previousStart = -1;
    private int previousEnd;

    /**
     * Prepares the source for a pass over its segments.
     *
     * @param document the source
     * @param maxOverlap the most characters a segment may repeat of the one before, at least 0 (a
     *     generous bound will do: it only orders the search)
     */
    public SegmentAligner(SourceText document, int maxOverlap) {
        if (maxOverlap < 0) {
            throw new IllegalArgumentException("maxOverlap " + maxOverlap + " must be at least 0");
        }
        this.document = document;
        this.maxOverlap = maxOverlap;
        String text = document.text();
        StringBuilder out = new StringBuilder(text.length());
        int[] pos = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                pos[out.length()] = i;
                out.append(c);
            }
        }
        this.squeezed = out.toString();
        this.position = pos;
    }

    /**
     * Locates every segment of one pass, in order.
     *
     * @param document the source
     * @param segments the segments, in document order
     * @param maxOverlap the most characters a segment may repeat of the one before
     * @return one span per segment that has a non-whitespace character (whitespace-only segments
     *     are dropped)
     * @throws IllegalArgumentException if a segment's non-whitespace text is not in the source
     */
    public static List<Span> align(SourceText document, List<String> segments, int maxOverlap) {
        SegmentAligner aligner = new SegmentAligner(document, maxOverlap);
        List<Span> spans = new ArrayList<>(segments.size());
        for (String segment : segments) {
            Span s = aligner.next(segment);
            if (s != null) {
                spans.add(s);
            }
        }
        return spans;
    }

    /**
     * Locates the next segment.
     *
     * @param segment a segment after (or overlapping) the previous one
     * @return its span in code points, or {@code null} for a whitespace-only segment
     * @throws IllegalArgumentException if its non-whitespace text is not in the source
     */
    public Span next(String segment) {
        StringBuilder key = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!Character.isWhitespace(c)) {
                key.append(c);
            }
        }
        if (key.length() == 0) {
            return null;
        }
        String k = key.toString();
        int at = squeezed.indexOf(k, Math.max(previousStart + 1, previousEnd - maxOverlap));
        if (at < 0) {
            at = squeezed.indexOf(k, previousStart + 1);
        }
        if (at < 0) {
            at = squeezed.indexOf(k);
        }
        if (at < 0) {
            String head = segment.length() > 60 ? segment.substring(0, 60) + "..." : segment;
            throw new IllegalArgumentException("a segment is not in " + document.name() + " even up to whitespace: \""
                    + head.replace("\n", "\\n") + "\"");
        }
        previousStart = at;
        previousEnd = at + k.length();
        int start = position[at];
        int end = position[at + key.length() - 1] + 1;
        return new Span(document.codePointAt(start), document.codePointAt(end));
    }
}
