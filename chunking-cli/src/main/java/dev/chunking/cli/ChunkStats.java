package dev.chunking.cli;

import dev.chunking.domain.Chunk;

/** Counts chunks and their sizes for one file, for the {@code stats} format. Not thread-safe. */
public final class ChunkStats {
    private long chunks;
    private long total;
    private int min = Integer.MAX_VALUE;
    private int max;
    private long bytes;
    private final String unit;

    /**
     * Starts counting.
     *
     * @param unit the size unit of the chunks, {@code "chars"} or {@code "tokens"}
     */
    public ChunkStats(String unit) {
        this.unit = unit;
    }

    /**
     * Counts one chunk.
     *
     * @param chunk the chunk
     */
    public void add(Chunk chunk) {
        chunks++;
        total += chunk.size();
        min = Math.min(min, chunk.size());
        max = Math.max(max, chunk.size());
    }

    /**
     * Records how many input bytes the file had.
     *
     * @param value the byte count
     */
    public void bytes(long value) {
        bytes = value;
    }

    /**
     * Returns the number of chunks.
     *
     * @return the count
     */
    public long chunks() {
        return chunks;
    }

    /**
     * Returns the smallest chunk size, 0 when there were no chunks.
     *
     * @return the size in {@link #unit()}
     */
    public int minSize() {
        return chunks == 0 ? 0 : min;
    }

    /**
     * Returns the largest chunk size.
     *
     * @return the size in {@link #unit()}
     */
    public int maxSize() {
        return max;
    }

    /**
     * Returns the mean chunk size, 0 when there were no chunks.
     *
     * @return the mean in {@link #unit()}
     */
    public double meanSize() {
        return chunks == 0 ? 0 : (double) total / chunks;
    }

    /**
     * Returns the input size.
     *
     * @return bytes read
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns the size unit of the chunks.
     *
     * @return {@code "chars"} or {@code "tokens"}
     */
    public String unit() {
        return unit;
    }
}
