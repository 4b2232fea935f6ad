package dev.chunking.postgres.internal;

/**
 * The text of every statement the store sends against the {@code chunks} table, in one place, so
 * that a test can prepare the very text the store sends and check its plan and its locks. Each
 * names the collection's leaf partition ({@link Partitions#table}) and also filters on its bucket:
 * a generic plan of the statement scans and locks that one partition only. Stateless.
 */
public final class ChunkStatements {
    /** The filter of a whole-document read: none. */
    public static final String WHOLE_DOCUMENT = "";
    /** The filter of a range read in code points; parameters: the range's end, then its start. */
    public static final String CODE_POINT_RANGE = " AND k.start_cp < ? AND k.end_cp > ?";
    /** The filter of a range read in UTF-8 bytes; parameters: the range's end, then its start. */
    public static final String BYTE_RANGE = " AND k.start_byte < ? AND k.end_byte > ?";

    private ChunkStatements() {
    }

    /**
     * The read of a document's current chunk set in index order. Parameters: bucket, collection,
     * document, collection, document, then the filter's.
     *
     * @param bucket the collection's partition
     * @param filter {@link #WHOLE_DOCUMENT}, {@link #CODE_POINT_RANGE} or {@link #BYTE_RANGE}
     * @return the statement
     */
    public static String read(int bucket, String filter) {
        return "SELECT " + ChunkRows.COLUMNS + " FROM " + Partitions.table(bucket)
                + " k WHERE k.bucket = ? AND k.collection = ? AND k.document = ?"
                + " AND k.generation = (SELECT d.current_generation FROM chunk_documents d WHERE d.collection = ?"
                + " AND d.document = ?)" + filter + " ORDER BY k.chunk_index";
    }

    /**
     * The delete of an interrupted run's rows when a new run starts. Parameters: bucket,
     * collection, document, generation.
     *
     * @param bucket the collection's partition
     * @return the statement
     */
    public static String deleteGeneration(int bucket) {
        return "DELETE FROM " + Partitions.table(bucket) + " WHERE bucket = ? AND collection = ? AND document = ? AND generation = ?";
    }

    /**
     * The delete of a run's rows from a batch's first index on. Parameters: bucket, collection,
     * document, generation, first index.
     *
     * @param bucket the collection's partition
     * @return the statement
     */
    public static String deleteFromIndex(int bucket) {
        return "DELETE FROM " + Partitions.table(bucket)
                + " WHERE bucket = ? AND collection = ? AND document = ? AND generation = ? AND chunk_index >= ?";
    }

    /**
     * The delete of the rows a completed run replaces: older generations and its own rows past its
     * last chunk. Parameters: bucket, collection, document, generation, generation, chunk count.
     *
     * @param bucket the collection's partition
     * @return the statement
     */
    public static String deleteReplaced(int bucket) {
        return "DELETE FROM " + Partitions.table(bucket) + " WHERE bucket = ? AND collection = ? AND document = ?"
                + " AND (generation < ? OR (generation = ? AND chunk_index >= ?))";
    }

    /**
     * The delete of a document's rows of every generation. Parameters: bucket, collection, document.
     *
     * @param bucket the collection's partition
     * @return the statement
     */
    public static String deleteDocument(int bucket) {
        return "DELETE FROM " + Partitions.table(bucket) + " WHERE bucket = ? AND collection = ? AND document = ?";
    }

    /**
     * The delete of a collection's rows. Parameters: bucket, collection.
     *
     * @param bucket the collection's partition
     * @return the statement
     */
    public static String deleteCollection(int bucket) {
        return "DELETE FROM " + Partitions.table(bucket) + " WHERE bucket = ? AND collection = ?";
    }
}
