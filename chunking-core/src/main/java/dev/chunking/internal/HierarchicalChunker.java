package dev.chunking.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.TokenCounter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chunks a document at several sizes at once: the top level as {@code recursive} does, and
 * each chunk of a level again, at the next size, into children that tile it exactly (no
 * overlap below the top). A chunk is emitted as soon as it is final, followed at once by its
 * descendants, depth first; indices count all levels together. Memory is one chunker window
 * per level. Not thread-safe.
 */
public final class HierarchicalChunker implements Chunker {
    private final String strategy;
    private final DocumentId document;
    private final ChunkingOptions options;
    private final TokenCounter counter;
    private final ChunkSink sink;
    private final int[] sizes;
    private final long[] levelIndex;
    private final ChunkingOptions[] childOptions;
    private final String[] idPrefixes; // "doc#L1-" per level: ids are made per chunk, so the common part is made once
    private final BoundaryChunker top;
    private long nextIndex;

    /**
     * Opens a chunker for one document.
     *
     * @param strategy the name stamped on chunks
     * @param document the document id, part of every chunk id
     * @param options overlap, min size (both for the top level), unit and malformed-input policy
     * @param sizes the size of each level, strictly decreasing, validated by the caller
     * @param counter the token counter
     * @param sink receives the chunks
     */
    public HierarchicalChunker(String strategy, DocumentId document, ChunkingOptions options, int[] sizes, TokenCounter counter,
                               ChunkSink sink) {
        this.strategy = strategy;
        this.document = document;
        this.options = options;
        this.counter = counter;
        this.sink = sink;
        this.sizes = sizes.clone();
        this.levelIndex = new long[sizes.length];
        this.childOptions = new ChunkingOptions[sizes.length];
        this.idPrefixes = new String[sizes.length];
        for (int level = 0; level < sizes.length; level++) {
            idPrefixes[level] = id(document, level, 0).substring(0, id(document, level, 0).length() - 1);
        }
        for (int level = 1; level < sizes.length; level++) {
            childOptions[level] = options.toBuilder().maxSize(sizes[level]).overlap(0).minSize(0).build();
        }
        ChunkingOptions topOptions = options.toBuilder().maxSize(sizes[0]).build();
        this.top = new BoundaryChunker(strategy, true, document, topOptions, counter, c -> accept(c, 0, Optional.empty()),
                ResumePoint.START);
    }

    /** The id of a chunk: stable, from the document id, the level and the chunk's index within its level. */
    public static String id(DocumentId document, int level, long indexInLevel) {
        return document.value() + "#L" + level + "-" + indexInLevel;
    }

    private void accept(Chunk c, int level, Optional<String> parent) {
        String id = idPrefixes[level] + levelIndex[level]++;
        sink.accept(new Chunk(document, nextIndex++, c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(),
                c.unit(), strategy, new ChunkMetadata(List.of(), level, Optional.of(id), parent, Map.of()), c.replacements()));
        if (level + 1 < sizes.length) {
            ChunkingOptions childOptions = this.childOptions[level + 1];
            ResumePoint at = new ResumePoint(c.byteStart(), c.start(), c.byteStart(), c.start(), 0, 0);
            Optional<String> self = Optional.of(id);
            byte[] text = c.content().toByteArray();
            try (BoundaryChunker child = BoundaryChunker.forText(strategy, document, childOptions, counter,
                    grandchild -> accept(grandchild, level + 1, self), at, text.length)) {
                child.feed(text);
                child.finish();
            }
        }
    }

    @Override
    public void feed(byte[] utf8, int offset, int length) {
        top.feed(utf8, offset, length);
    }

    @Override
    public void feed(java.nio.ByteBuffer utf8) {
        top.feed(utf8);
    }

    @Override
    public void feed(CharSequence text) {
        top.feed(text);
    }

    @Override
    public void finish() {
        top.finish();
    }

    @Override
    public long bytesFed() {
        return top.bytesFed();
    }

    @Override
    public long replacements() {
        return top.replacements();
    }

    @Override
    public void close() {
        top.close();
    }
}
