package dev.chunking.strategy.internal;

import java.util.Arrays;

/**
 * An ascending queue of byte offsets with binary search, such as the code-point starts that lie
 * inside a grapheme cluster. Chunkers drop offsets that fall behind the chunk start, so the
 * queue holds at most one chunk window of them. Not thread-safe.
 */
final class Positions {
    private long[] bytes = new long[64];
    private int head;
    private int tail;

    void add(long byteOffset) {
        if (tail == bytes.length) {
            int size = tail - head;
            bytes = head > 0 && size <= bytes.length / 2 ? compact(size) : Arrays.copyOfRange(bytes, head, head + Math.max(64, size * 2));
            head = 0;
            tail = size;
        }
        bytes[tail++] = byteOffset;
    }

    private long[] compact(int size) {
        System.arraycopy(bytes, head, bytes, 0, size);
        return bytes;
    }

    /** Drops every offset below {@code byteOffset}. */
    void dropBefore(long byteOffset) {
        while (head < tail && bytes[head] < byteOffset) {
            head++;
        }
        if (head == tail) {
            clear();
        }
    }

    /** Drops every offset at or after {@code byteOffset}. */
    void dropFrom(long byteOffset) {
        tail = lowerBound(byteOffset);
        if (tail <= head) {
            clear();
        }
    }

    /** The offsets held, ascending, for a resume point's state. */
    long[] toArray() {
        return Arrays.copyOfRange(bytes, head, tail);
    }

    void clear() {
        head = 0;
        tail = 0;
    }

    /** Whether {@code byteOffset} is one of the offsets. */
    boolean contains(long byteOffset) {
        int i = lowerBound(byteOffset);
        return i < tail && bytes[i] == byteOffset;
    }

    /** The largest offset in {@code (after, upTo]}, or -1. */
    long latestIn(long after, long upTo) {
        int i = lowerBound(upTo + 1) - 1;
        return i >= head && bytes[i] > after ? bytes[i] : -1;
    }

    /** The smallest offset in {@code (after, upTo]}, or -1. */
    long firstIn(long after, long upTo) {
        int i = lowerBound(after + 1);
        return i < tail && bytes[i] <= upTo ? bytes[i] : -1;
    }

    /** Index of the first offset at or above {@code byteOffset}, or {@code tail}. */
    private int lowerBound(long byteOffset) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bytes[mid] < byteOffset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
