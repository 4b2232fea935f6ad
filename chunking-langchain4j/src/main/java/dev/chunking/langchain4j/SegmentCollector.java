package dev.chunking.langchain4j;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.HeadingPath;
import dev.chunking.spi.ChunkSink;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one document's chunks into {@code TextSegment}s as they come: each holds the document's
 * text at the chunk's offsets (a substring, which the chunk's text equals) and a copy of the
 * document's metadata, LangChain4j's {@code index} and the keys of {@link SegmentMetadata}. A chunk
 * that LangChain4j's {@code TextSegment} refuses as blank (its text only characters up to U+0020) is
 * skipped. One per document; not thread-safe (the chunker calls it on the feeding thread).
 */
final class SegmentCollector implements ChunkSink {
    private final Metadata document;
    private final String source;
    private final boolean pairs;
    /** Where the last chunk started, in code points and in chars: the next one starts near it. */
    private long cursorCodePoint;
    private int cursorChar;
    private final List<TextSegment> segments = new ArrayList<>();

    /**
     * @param document the document's metadata, copied into every segment without the keys of
     *     {@link SegmentMetadata} it may hold (from an earlier split), so that no segment carries
     *     a fact about another chunk
     * @param source the document's text, which every chunk is a slice of
     * @param pairs whether the text holds surrogate pairs: without, code-point offsets are char indexes
     */
    SegmentCollector(Metadata document, String source, boolean pairs) {
        this.source = source;
        this.pairs = pairs;
        Metadata base = document;
        for (String key : document.toMap().keySet()) {
            if (key.startsWith(SegmentMetadata.PREFIX)) {
                if (base == document) {
                    base = document.copy();
                }
                base.remove(key);
            }
        }
        this.document = base;
    }

    @Override
    public void accept(Chunk chunk) {
        String text = slice(chunk.start(), chunk.end());
        if (isBlank(text)) {
            return;
        }
        Metadata metadata = document.copy();
        metadata.put(SegmentMetadata.INDEX, String.valueOf(segments.size()));
        metadata.put(SegmentMetadata.CHUNK_INDEX, chunk.index());
        metadata.put(SegmentMetadata.START, chunk.start());
        metadata.put(SegmentMetadata.END, chunk.end());
        metadata.put(SegmentMetadata.BYTE_START, chunk.byteStart());
        metadata.put(SegmentMetadata.BYTE_END, chunk.byteEnd());
        metadata.put(SegmentMetadata.SIZE, chunk.size());
        metadata.put(SegmentMetadata.UNIT, chunk.unit().label());
        metadata.put(SegmentMetadata.STRATEGY, chunk.strategy());
        ChunkMetadata structure = chunk.metadata();
        metadata.put(SegmentMetadata.LEVEL, structure.level());
        if (structure != ChunkMetadata.NONE) {
            structure.id().ifPresent(id -> metadata.put(SegmentMetadata.ID, id));
            structure.parent().ifPresent(parent -> metadata.put(SegmentMetadata.PARENT_ID, parent));
            if (!structure.headings().isEmpty()) {
                metadata.put(SegmentMetadata.HEADINGS, HeadingPath.toJson(structure.headings()));
            }
            for (Map.Entry<String, String> attribute : structure.attributes().entrySet()) {
                metadata.put(SegmentMetadata.ATTRIBUTE_PREFIX + attribute.getKey(), attribute.getValue());
            }
        }
        segments.add(TextSegment.from(text, metadata));
    }

    /**
     * The source's code-point slice {@code [start, end)}: a substring, a copy, cheaper than decoding
     * the chunk's UTF-8 (three bytes a char in most non-Latin scripts). With surrogate pairs the
     * char indexes are found from the last chunk's start, which the next chunk's start lies near
     * (just before it, with overlap; before it by a parent's span, with {@code hierarchical}).
     */
    private String slice(long start, long end) {
        if (!pairs) {
            return source.substring((int) start, (int) end);
        }
        int from = Character.offsetByCodePoints(source, cursorChar, (int) (start - cursorCodePoint));
        int to = Character.offsetByCodePoints(source, from, (int) (end - start));
        cursorCodePoint = start;
        cursorChar = from;
        return source.substring(from, to);
    }

    /** The segments made so far, in chunk order. */
    List<TextSegment> segments() {
        return segments;
    }

    /**
     * Whether LangChain4j takes the text for blank and refuses it as a segment: empty, or only
     * characters up to U+0020 ({@code String.trim()} empties it), its {@code Utils.isNullOrBlank}.
     */
    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > ' ') {
                return false;
            }
        }
        return true;
    }
}
