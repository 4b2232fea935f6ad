package dev.chunking.internal;

import java.util.Arrays;

/**
 * An ascending queue of text positions, each a pair of absolute byte offset and code-point
 * offset, with binary search by byte offset. Chunkers keep one queue per boundary level and
 * drop positions that fall behind the current chunk start, so a queue holds at most one
 * chunk window of positions. Not thread-safe.
 */
final class Positions {
    private long[] bytes = new long[64];
    private long[] codePoints = new long[64];
    private int head;
    private int tail;

    void add(long byteOffset, long codePointOffset) {
        if (tail == bytes.length) {
            makeRoom();
        }
        bytes[tail] = byteOffset;
        codePoints[tail] = codePointOffset;
        tail++;
    }

    private void makeRoom() {
        int size = tail - head;
        if (head > 0 && size <= bytes.length / 2) {
            System.arraycopy(bytes, head, bytes, 0, size);
            System.arraycopy(codePoints, head, codePoints, 0, size);
        } else {
            long[] b = Arrays.copyOfRange(bytes, head, head + Math.max(64, size * 2));
            long[] c = Arrays.copyOfRange(codePoints, head, head + Math.max(64, size * 2));
            bytes = b;
            codePoints = c;
        }
        head = 0;
        tail = size;
    }

    /** Drops every position whose byte offset is below {@code byteOffset}. */
    void dropBefore(long byteOffset) {
        while (head < tail && bytes[head] < byteOffset) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    /** Drops every position at or after {@code byteOffset}. */
    void dropFrom(long byteOffset) {
        tail = lowerBound(byteOffset);
        if (tail <= head) {
            head = 0;
            tail = 0;
        }
    }

    void clear() {
        head = 0;
        tail = 0;
    }

    /** Index of the first position with byte offset >= {@code byteOffset}, or {@code tail}. */
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

    /** Index of the latest position in {@code (after, upTo]}, or -1. */
    int latestIn(long after, long upTo) {
        int i = lowerBound(upTo + 1) - 1;
        return i >= head && bytes[i] > after ? i : -1;
    }

    /** Index of the earliest position in {@code [from, before)}, or -1. */
    int earliestIn(long from, long before) {
        int i = lowerBound(from);
        return i < tail && bytes[i] < before ? i : -1;
    }

    /** Whether {@code byteOffset} is one of the positions. */
    boolean contains(long byteOffset) {
        int i = lowerBound(byteOffset);
        return i < tail && bytes[i] == byteOffset;
    }

    long byteAt(int index) {
        return bytes[index];
    }

    long codePointAt(int index) {
        return codePoints[index];
    }
}
