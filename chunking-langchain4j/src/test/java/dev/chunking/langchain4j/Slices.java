package dev.chunking.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The checks the tests share: a segment is the slice of its source at the offsets in its metadata. */
final class Slices {
    private final String source;
    private final int[] codePoints;
    private final byte[] utf8;

    Slices(String source) {
        this.source = source;
        this.codePoints = source.codePoints().toArray();
        this.utf8 = source.getBytes(StandardCharsets.UTF_8);
    }

    /** The code-point slice {@code [start, end)} of the source. */
    String slice(long start, long end) {
        return new String(codePoints, (int) start, (int) (end - start));
    }

    /** The number of code points of the source. */
    int length() {
        return codePoints.length;
    }

    /** The source text. */
    String source() {
        return source;
    }

    /** Every segment's text is the code-point slice and the UTF-8 byte slice its metadata names. */
    void assertExact(List<TextSegment> segments) {
        for (TextSegment segment : segments) {
            assertExact(segment);
        }
    }

    /** The segment's text is the code-point slice and the UTF-8 byte slice its metadata names. */
    void assertExact(TextSegment segment) {
        Metadata m = segment.metadata();
        long start = m.getLong(SegmentMetadata.START);
        long end = m.getLong(SegmentMetadata.END);
        assertThat(segment.text()).as("segment %s is the code-point slice [%d, %d)", m.getString(SegmentMetadata.INDEX), start, end)
                .isEqualTo(slice(start, end));
        long byteStart = m.getLong(SegmentMetadata.BYTE_START);
        long byteEnd = m.getLong(SegmentMetadata.BYTE_END);
        assertThat(segment.text().getBytes(StandardCharsets.UTF_8)).as("segment %s is the byte slice [%d, %d)",
                m.getString(SegmentMetadata.INDEX), byteStart, byteEnd)
                .isEqualTo(Arrays.copyOfRange(utf8, (int) byteStart, (int) byteEnd));
    }

    /**
     * The segments of one sequence (all of a non-hierarchical split, or one level of a
     * hierarchical one) come in order and cover the source: each starts after the previous start
     * and no later than the previous end (an overlap of at most {@code overlap} code points), the
     * first at 0 and the last ends the text; a gap may hold only what LangChain4j calls blank (a
     * skipped chunk of characters up to U+0020), and so may the text before the first and after the
     * last, where a leading byte order mark is skipped too (promise 1).
     */
    void assertInOrderAndCovering(List<TextSegment> segments, int overlap) {
        assertInOrderAndCovering(segments, overlap, 0, length());
    }

    /**
     * As {@link #assertInOrderAndCovering(List, int)}, for segments that cover {@code [from, to)} of
     * the source (the children of one hierarchical parent).
     */
    void assertInOrderAndCovering(List<TextSegment> segments, int overlap, long from, long to) {
        long previousStart = from - 1;
        long previousEnd = from;
        for (TextSegment segment : segments) {
            long start = segment.metadata().getLong(SegmentMetadata.START);
            long end = segment.metadata().getLong(SegmentMetadata.END);
            assertThat(start).as("segment starts after the previous one").isGreaterThan(previousStart);
            assertThat(end).as("segment ends after the previous one").isGreaterThan(previousEnd);
            if (start > previousEnd) {
                assertThat(skippable(previousEnd, start))
                        .as("the gap [%d, %d) before a segment is blank", previousEnd, start).isTrue();
            } else {
                assertThat(previousEnd - start).as("overlap before the segment at %d", start).isLessThanOrEqualTo(overlap);
            }
            previousStart = start;
            previousEnd = end;
        }
        assertThat(skippable(previousEnd, to))
                .as("what follows the last segment, from %d, is blank", previousEnd).isTrue();
    }

    /** Whether the segments may leave out {@code [from, to)}: blank by LangChain4j's rule, after a leading byte order mark. */
    private boolean skippable(long from, long to) {
        String gap = slice(from, to);
        return SegmentCollector.isBlank(from == 0 && gap.startsWith("\ufeff") ? gap.substring(1) : gap);
    }
}
