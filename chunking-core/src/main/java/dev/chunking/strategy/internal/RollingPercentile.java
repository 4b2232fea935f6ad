package dev.chunking.strategy.internal;

import dev.chunking.domain.InvalidOptionsException;
import java.util.Arrays;

/**
 * Percentiles of the last {@code window} values added, for thresholds that follow a document
 * as it goes (such as "a distance in the top 5 % of the recent ones"). Memory is two arrays of
 * {@code window} doubles: the values in arrival order (a ring) and the same values kept sorted,
 * so a query is one array read and an addition moves at most {@code window} values with one
 * {@link System#arraycopy}. Nothing is allocated after construction. Not thread-safe.
 */
final class RollingPercentile {
    /** Largest window accepted: 65536 values. */
    static final int LIMIT_WINDOW = 1 << 16;

    private final double[] ring;
    private final double[] sorted;
    /** Where the next value goes in {@link #ring}; once full, also where the oldest value is. */
    private int next;
    private int size;

    /**
     * Creates an empty window.
     *
     * @param window how many of the latest values to keep, 1 to {@value #LIMIT_WINDOW}
     * @throws InvalidOptionsException naming the value and the range when it is outside
     */
    RollingPercentile(int window) {
        if (window < 1 || window > LIMIT_WINDOW) {
            throw new InvalidOptionsException("percentile window " + window + " is outside 1.." + LIMIT_WINDOW
                    + "; set the window (how many recent values the percentile is taken over) within that range");
        }
        ring = new double[window];
        sorted = new double[window];
    }

    /**
     * Adds a value, dropping the oldest one when the window is full.
     *
     * @param value any number but NaN; infinities are allowed and sort at the ends
     * @throws InvalidOptionsException if the value is NaN, which has no place in an order
     */
    void add(double value) {
        if (Double.isNaN(value)) {
            throw new InvalidOptionsException("percentile value NaN is not a number; add only ordered values"
                    + " (a distance of two zero vectors is 0, not NaN)");
        }
        if (size == ring.length) {
            double oldest = ring[next];
            int at = Arrays.binarySearch(sorted, 0, size, oldest); // any copy of an equal value will do
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }
        int at = Arrays.binarySearch(sorted, 0, size, value);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = value;
        size++;
        ring[next] = value;
        next = next + 1 == ring.length ? 0 : next + 1;
    }

    /**
     * Returns the nearest-rank percentile of the values held: the smallest value such that at
     * least {@code p} percent of the values are at most it, that is the value of rank
     * {@code max(1, ceil(p * size / 100))} in ascending order, computed in double arithmetic
     * (exact for whole and quarter percents). {@code p = 0} gives the minimum, {@code p = 100}
     * the maximum, and a percentile is always one of the values held, never an interpolation.
     *
     * @param p the percentile, 0 to 100
     * @return the value, or NaN when no value has been added since construction or {@link #clear()}
     * @throws InvalidOptionsException if {@code p} is outside 0..100 or NaN
     */
    double percentile(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new InvalidOptionsException("percentile " + p + " is outside 0..100; choose a percentile within that range");
        }
        if (size == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * size / 100);
        return sorted[Math.max(rank, 1) - 1];
    }

    /**
     * Returns how many values are held.
     *
     * @return 0 up to the window
     */
    int size() {
        return size;
    }

    /**
     * Writes the values held, oldest first, for a resume point's state.
     *
     * @param out the state being written
     */
    void save(StateWriter out) {
        out.number(size);
        int oldest = size == ring.length ? next : 0;
        for (int k = 0; k < size; k++) {
            int i = oldest + k;
            out.decimal(ring[i < ring.length ? i : i - ring.length]);
        }
    }

    /**
     * Takes back what {@link #save} wrote, replacing the values held: the same values in the
     * same order of arrival, so the percentiles and the order they leave the window in are the
     * same. Sorting once keeps restoring a full window cheap (adding 65536 values one by one would
     * move billions). A state of a larger window keeps its latest values, as adding them would.
     *
     * @param in the state, positioned where {@link #save} began writing
     */
    void restore(StateReader in) {
        int n = in.integer();
        clear();
        for (int k = 0; k < n; k++) {
            double value = in.decimal();
            if (k >= n - ring.length) {
                ring[size++] = value;
            }
        }
        next = size == ring.length ? 0 : size;
        System.arraycopy(ring, 0, sorted, 0, size);
        Arrays.sort(sorted, 0, size); // the order of Double.compare, as the binary searches of add use
    }

    /** Forgets every value, keeping the window. */
    void clear() {
        size = 0;
        next = 0;
    }
}
