package dev.chunking.benchmarks;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel that yields a long stream by repeating one piece of UTF-8 over and over, so a
 * benchmark can stream gigabytes through the library without a file or an array of that size:
 * the only memory it holds is the piece. When the size asked ends inside a UTF-8 sequence of the
 * piece, the stream stops before that sequence, so it is always well-formed (see {@link #size()}).
 * Not thread-safe: one reader.
 */
public final class RepeatingChannel implements ReadableByteChannel {
    private final byte[] piece;
    private final long size;
    private long produced;
    private int at;
    private boolean open = true;

    /**
     * A stream of {@code bytes} bytes of {@code piece} repeated, or a little less (see {@link #size()}).
     *
     * @param piece well-formed UTF-8, not empty; copied (a few hundred KiB at most in the benchmarks)
     * @param bytes the size asked, at least 0
     * @throws IllegalArgumentException if the piece is empty or starts inside a UTF-8 sequence
     */
    public RepeatingChannel(byte[] piece, long bytes) {
        if (piece.length == 0 || isContinuation(piece[0])) {
            throw new IllegalArgumentException("the piece must be non-empty UTF-8 starting at a code point");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        this.piece = piece.clone();
        this.size = wellFormedSize(piece, bytes);
    }

    /**
     * The largest size up to {@code bytes} at which a repetition of {@code piece} ends between two
     * code points: {@code bytes} itself, or up to 3 bytes less.
     *
     * @param piece well-formed UTF-8 starting at a code point
     * @param bytes the size asked
     * @return the size of the stream
     */
    static long wellFormedSize(byte[] piece, long bytes) {
        long size = bytes;
        while (size % piece.length != 0 && isContinuation(piece[(int) (size % piece.length)])) {
            size--;
        }
        return size;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * The number of bytes this channel yields in all.
     *
     * @return the size asked, or up to 3 bytes less so that no code point is cut
     */
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (!open) {
            throw new IllegalStateException("closed");
        }
        if (produced >= size) {
            return -1;
        }
        int n = 0;
        while (dst.hasRemaining() && produced < size) {
            int k = (int) Math.min(Math.min(dst.remaining(), piece.length - at), size - produced);
            dst.put(piece, at, k);
            at = (at + k) % piece.length;
            produced += k;
            n += k;
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
