package dev.chunking.strategy.internal;

/** Vector arithmetic for embeddings, without allocating. Stateless. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * The cosine distance {@code 1 - cos(x, y)} of the sums {@code x = a + b} and {@code y = c + d},
     * each sum taken in {@code float} element by element ({@code b} or {@code d} null for none),
     * without making the sums: 0 for the same direction, up to 2 for opposite ones; two zero
     * vectors are at distance 0, a zero vector and another at distance 1.
     *
     * @param a a vector
     * @param b a vector of the same length, or null
     * @param c a vector of the same length as {@code a}
     * @param d a vector of the same length, or null
     * @return the distance, 0 to 2
     */
    public static double cosineDistanceOfSums(float[] a, float[] b, float[] c, float[] d) {
        double dot = 0;
        double normX = 0;
        double normY = 0;
        for (int i = 0; i < a.length; i++) {
            float x = b == null ? a[i] : a[i] + b[i];
            float y = d == null ? c[i] : c[i] + d[i];
            dot += (double) x * y;
            normX += (double) x * x;
            normY += (double) y * y;
        }
        if (normX == 0 || normY == 0) {
            return normX == 0 && normY == 0 ? 0 : 1;
        }
        double distance = 1 - dot / Math.sqrt(normX * normY);
        return Math.max(0, Math.min(2, distance)); // rounding may step just outside
    }
}
