package dev.chunking.application;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;

/**
 * Lets a chunker that knows nothing of prefixes chunk the text after one (such as a byte order
 * mark): the chunks it makes are shifted by the prefix's length. Stateless.
 */
final class Prefixes {
    private Prefixes() {
    }

    /**
     * Wraps a sink so that every chunk's offsets grow by the prefix before {@code from}.
     *
     * @param sink the real sink
     * @param from a fresh start after a prefix, as made by {@link ResumePoint#after}
     * @return the shifting sink
     */
    static ChunkSink shifting(ChunkSink sink, ResumePoint from) {
        long bytes = from.byteOffset();
        long codePoints = from.codePointOffset();
        return c -> sink.accept(new Chunk(c.document(), c.index(), c.content(), c.start() + codePoints, c.end() + codePoints,
                c.byteStart() + bytes, c.byteEnd() + bytes, c.size(), c.unit(), c.strategy(), c.metadata(), c.replacements()));
    }
}
