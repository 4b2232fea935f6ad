package dev.chunking.postgres;

/** Which offsets a range read of {@link PostgresChunkStore#readRange} counts in. */
public enum OffsetUnit {
    /** Unicode code points from the start of the document ({@code Chunk.start()} and {@code end()}). */
    CODE_POINTS,
    /** UTF-8 bytes from the start of the source ({@code Chunk.byteStart()} and {@code byteEnd()}). */
    BYTES
}
