package dev.chunking.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An exact in-memory vector index over one splitter's units of every document: ranks them by
 * cosine similarity to a question's vector and returns the first {@code k} distinct returned
 * spans (with small-to-big units, several fine chunks of one parent count once). Immutable and
 * thread-safe.
 */
public final class VectorIndex {
    private final List<RetrievalUnit> units;
    private final float[][] vectors;

    /**
     * Indexes units and their vectors.
     *
     * @param units the units
     * @param vectors one vector per unit, in the same order, all of one length
     */
    public VectorIndex(List<RetrievalUnit> units, List<float[]> vectors) {
        if (units.size() != vectors.size()) {
            throw new IllegalArgumentException(units.size() + " units but " + vectors.size() + " vectors");
        }
        this.units = List.copyOf(units);
        this.vectors = new float[vectors.size()][];
        for (int i = 0; i < vectors.size(); i++) {
            this.vectors[i] = normalized(vectors.get(i));
        }
    }

    /**
     * Returns the units whose returned spans rank first.
     *
     * @param query the question's vector
     * @param k how many distinct returned spans, at least 1
     * @return at most {@code k} units, best first
     */
    public List<RetrievalUnit> top(float[] query, int k) {
        float[] q = normalized(query);
        Integer[] order = new Integer[units.size()];
        double[] score = new double[units.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            score[i] = dot(q, vectors[i]);
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        List<RetrievalUnit> out = new ArrayList<>(k);
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < order.length && out.size() < k; i++) {
            RetrievalUnit u = units.get(order[i]);
            if (seen.add(List.of(u.document(), u.returned()))) {
                out.add(u);
            }
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] normalized(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = v.clone();
        if (n > 0) {
            float inv = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < out.length; i++) {
                out[i] *= inv;
            }
        }
        return out;
    }
}
