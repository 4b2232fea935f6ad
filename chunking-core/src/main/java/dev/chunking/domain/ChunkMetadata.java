package dev.chunking.domain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Structural facts a strategy knows about a chunk: the heading path above it, its level, its
 * own id and its parent's id in a hierarchy, and further named facts (such as the header row
 * of the table a chunk continues, or the sub-strategy that made it). Strategies without
 * structure use {@link #NONE}. Immutable and thread-safe.
 *
 * @param headings heading path from the outermost heading inwards; empty when unknown
 * @param level 0 for top-level chunks, larger for finer levels of a hierarchy or deeper headings
 * @param id stable id of the chunk, where a strategy links chunks to each other
 * @param parent id of the enclosing chunk in a hierarchy, if there is one
 * @param attributes further facts by name, in name order; names are stable (see each strategy)
 */
public record ChunkMetadata(List<String> headings, int level, Optional<String> id, Optional<String> parent,
                            Map<String, String> attributes) {
    private static final Map<String, String> NO_ATTRIBUTES = Collections.emptySortedMap();

    /** No headings, level 0, no id, no parent, no attributes. */
    public static final ChunkMetadata NONE = new ChunkMetadata(List.of(), 0, Optional.empty(), Optional.empty(), Map.of());

    /**
     * Validates and copies the metadata.
     *
     * @throws InvalidOptionsException if the level is negative or an argument is null
     */
    public ChunkMetadata {
        if (headings == null || id == null || parent == null || attributes == null) {
            throw new InvalidOptionsException("chunk metadata: headings, id, parent and attributes must not be null"
                    + " (use List.of(), Optional.empty() and Map.of())");
        }
        if (level < 0) {
            throw new InvalidOptionsException("chunk metadata: level " + level + " is negative; use 0 or more");
        }
        headings = headings.isEmpty() ? List.of() : List.copyOf(headings);
        attributes = attributes.isEmpty() ? NO_ATTRIBUTES
                : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    /**
     * Returns the size of the metadata's text in UTF-8 bytes: the headings, the id, the parent,
     * and the names and values of the attributes. This is what
     * {@link InputLimits#maxMetadataBytes()} limits.
     *
     * @return the size in bytes, 0 for {@link #NONE}
     */
    public long byteSize() {
        long n = 0;
        for (String heading : headings) {
            n += Utf8Text.encodedLength(heading);
        }
        if (id.isPresent()) {
            n += Utf8Text.encodedLength(id.get());
        }
        if (parent.isPresent()) {
            n += Utf8Text.encodedLength(parent.get());
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String value = attribute.getValue();
            n += Utf8Text.encodedLength(attribute.getKey()) + (value == null ? 0 : Utf8Text.encodedLength(value));
        }
        return n;
    }

    /**
     * Creates metadata with headings, level and parent only.
     *
     * @param headings heading path from the outermost heading inwards
     * @param level the level
     * @param parent id of the enclosing chunk, if any
     */
    public ChunkMetadata(List<String> headings, int level, Optional<String> parent) {
        this(headings, level, Optional.empty(), parent, Map.of());
    }
}
