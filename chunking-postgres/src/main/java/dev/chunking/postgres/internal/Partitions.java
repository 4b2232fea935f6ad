package dev.chunking.postgres.internal;

/**
 * The 100 partitions of the {@code chunks} table by bucket. Statements name a collection's
 * partition itself rather than the parent table, so even a generic plan of a prepared statement
 * scans and locks that one partition only (a generic plan over the parent can lock all 100). The
 * one exception is the server's own: the first write into a partition on a connection also takes
 * a share lock on the parent, which blocks only schema changes and locks no other partition.
 */
public final class Partitions {
    /** How many partitions the table has; buckets are 0 to {@code COUNT - 1}. */
    public static final int COUNT = 100;

    private Partitions() {
    }

    /**
     * Returns the table name of a bucket's partition.
     *
     * @param bucket the bucket, 0 to 99
     * @return {@code chunks_p00} to {@code chunks_p99}
     * @throws IllegalArgumentException if the bucket is out of range, so that no other text can reach a statement
     */
    public static String table(int bucket) {
        if (bucket < 0 || bucket >= COUNT) {
            throw new IllegalArgumentException("bucket " + bucket + " is not between 0 and " + (COUNT - 1));
        }
        return bucket < 10 ? "chunks_p0" + bucket : "chunks_p" + bucket;
    }
}
