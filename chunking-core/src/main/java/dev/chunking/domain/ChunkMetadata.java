package dev.chunking.domain;

import java.util.List;
import java.util.Optional;

/**
 * Structural facts a strategy knows about a chunk: the heading path above it, its level in a
 * hierarchy, and the id of its parent chunk. Strategies without structure use {@link #NONE}.
 *
 * @param headings heading path from the outermost heading inwards; empty when unknown
 * @param level 0 for top-level chunks, larger for finer levels of a hierarchy
 * @param parent id of the enclosing chunk in a hierarchy, if there is one
 */
public record ChunkMetadata(List<String> headings, int level, Optional<String> parent) {
    /** No headings, level 0, no parent. */
    public static final ChunkMetadata NONE = new ChunkMetadata(List.of(), 0, Optional.empty());

    /**
     * Validates and copies the metadata.
     *
     * @throws InvalidOptionsException if the level is negative or an argument is null
     */
    public ChunkMetadata {
        if (headings == null || parent == null) {
            throw new InvalidOptionsException("chunk metadata: headings and parent must not be null (use List.of() and Optional.empty())");
        }
        if (level < 0) {
            throw new InvalidOptionsException("chunk metadata: level " + level + " is negative; use 0 or more");
        }
        headings = List.copyOf(headings);
    }
}
