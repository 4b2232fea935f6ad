package dev.chunking.postgres.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statements of a run that writes a document's chunks, each called inside a transaction of
 * {@link Transactions}. A run writes a new generation of the document's rows, invisible to
 * readers (they read the document's current generation) until the transaction that completes it
 * makes it current and deletes the previous one, so a reader sees the old set or the new set,
 * never a mix. Every batch first deletes its own index range of its generation, so a batch run
 * again (after a lost connection, or by a resumed run) stores each chunk once. Stateless.
 */
public final class DocumentRuns {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentRuns.class);
    /** How many encoded bytes go to the server at a time. */
    private static final int SLICE_BYTES = 256 * 1024;

    private DocumentRuns() {
    }

    private static void cancelQuietly(CopyIn copy) {
        try {
            copy.cancelCopy();
        } catch (SQLException e) { // the transaction rolls back anyway, and the refusal is what the caller must see
            LOG.debug("cancelling a COPY failed", e);
        }
    }

    /**
     * Returns a collection's partition, placing a new collection in the least used one. Runs in
     * a short transaction of its own: placing takes a row lock that must not be held during a
     * long write.
     *
     * @param connection the connection
     * @param collection the collection id
     * @return the bucket, 0 to 99
     * @throws SQLException if the statement fails
     */
    public static int placeCollection(Connection connection, String collection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT chunking_collection_bucket(?)")) {
            s.setString(1, collection);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Starts or continues a run of a document and returns the generation it writes. A run whose
     * first chunk is chunk 0 starts a new generation (dropping the rows of an interrupted run that
     * never completed); a run that starts later continues the interrupted run's generation.
     *
     * @param connection the connection, in a transaction
     * @param bucket the collection's partition
     * @param collection the collection id
     * @param document the document id
     * @param firstIndex the index of the run's first chunk
     * @return the generation to write
     * @throws SQLException if a statement fails
     * @throws ChunkRefusedException if a run starts past chunk 0 with no interrupted run to continue
     */
    public static long begin(Connection connection, int bucket, String collection, String document, long firstIndex)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO chunk_documents (collection, document, bucket)"
                + " VALUES (?, ?, ?) ON CONFLICT (collection, document) DO NOTHING")) {
            s.setString(1, collection);
            s.setString(2, document);
            s.setInt(3, bucket);
            s.executeUpdate();
        }
        long[] state = lock(connection, collection, document);
        if (state[0] != bucket) {
            throw new ChunkRefusedException("document '" + document + "' of collection '" + collection + "' lies in partition "
                    + state[0] + ", not " + bucket + ": the collection was deleted and placed again while this run wrote;"
                    + " start the run again");
        }
        long current = state[1];
        long pending = state[2];
        if (firstIndex > 0) {
            if (pending == 0) {
                throw new ChunkRefusedException("chunk " + firstIndex + " of document '" + document + "' of collection '"
                        + collection + "' is the first this run writes, but no interrupted run of the document is stored"
                        + " to continue; start the document from chunk 0");
            }
            return pending;
        }
        long generation = Math.max(current, pending) + 1;
        try (PreparedStatement s = connection.prepareStatement(ChunkStatements.deleteGeneration(bucket))) {
            s.setInt(1, bucket);
            s.setString(2, collection);
            s.setString(3, document);
            s.setLong(4, pending);
            s.executeUpdate();
        }
        try (PreparedStatement s = connection.prepareStatement("UPDATE chunk_documents SET pending_generation = ?,"
                + " updated_at = now() WHERE collection = ? AND document = ?")) {
            s.setLong(1, generation);
            s.setString(2, collection);
            s.setString(3, document);
            s.executeUpdate();
        }
        return generation;
    }

    /**
     * Locks a document's row and checks this run still owns its pending generation.
     *
     * @param connection the connection, in a transaction
     * @param collection the collection id
     * @param document the document id
     * @param generation the run's generation
     * @return true when the run owns it, false when the run already completed (its generation is current)
     * @throws SQLException if a statement fails
     * @throws ChunkRefusedException if another run of the document took over
     */
    public static boolean own(Connection connection, String collection, String document, long generation) throws SQLException {
        long[] state = lock(connection, collection, document);
        if (state[2] == generation) {
            return true;
        }
        if (state[1] == generation && state[2] == 0) {
            return false;
        }
        throw new ChunkRefusedException("another run of document '" + document + "' of collection '" + collection
                + "' took it over (generation " + (state[2] == 0 ? "none" : Long.toString(state[2])) + ", this run wrote "
                + generation + "); run one writer per document at a time");
    }

    /**
     * Writes a batch: deletes the run's rows from the batch's first index on, then COPYs the rows.
     *
     * @param connection the connection, in a transaction
     * @param bucket the collection's partition
     * @param collection the collection id
     * @param document the document id
     * @param generation the run's generation
     * @param firstIndex the batch's first chunk index
     * @param chunks the batch's chunks, in index order
     * @param rows the encoder, reused from batch to batch
     * @throws SQLException if a statement fails
     * @throws ChunkRefusedException if a chunk holds what PostgreSQL cannot store (the COPY is cancelled)
     */
    public static void write(Connection connection, int bucket, String collection, String document, long generation,
                             long firstIndex, List<Chunk> chunks, CopyRows rows) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(ChunkStatements.deleteFromIndex(bucket))) {
            s.setInt(1, bucket);
            s.setString(2, collection);
            s.setString(3, document);
            s.setLong(4, generation);
            s.setLong(5, firstIndex);
            s.executeUpdate();
        }
        // encoded a slice at a time while the COPY runs, so the server inserts while the client encodes
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + Partitions.table(bucket) + " ("
                + CopyRows.COLUMNS + ") FROM STDIN");
        try {
            rows.clear();
            for (Chunk chunk : chunks) {
                rows.add(bucket, collection, generation, chunk);
                if (rows.length() >= SLICE_BYTES) {
                    rows.drainTo(copy);
                }
            }
            rows.drainTo(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) { // a refused chunk: end the COPY so the transaction rolls back with nothing of the batch
                cancelQuietly(copy);
            }
        }
    }

    /**
     * Completes a run: its generation becomes the document's current one, the previous
     * generation's rows and any row past the run's last chunk are deleted.
     *
     * @param connection the connection, in a transaction, holding the document's row lock
     * @param bucket the collection's partition
     * @param collection the collection id
     * @param document the document id
     * @param generation the run's generation
     * @param chunkCount how many chunks the run produced in all
     * @throws SQLException if a statement fails
     */
    public static void complete(Connection connection, int bucket, String collection, String document, long generation,
                                long chunkCount) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(ChunkStatements.deleteReplaced(bucket))) {
            s.setInt(1, bucket);
            s.setString(2, collection);
            s.setString(3, document);
            s.setLong(4, generation);
            s.setLong(5, generation);
            s.setLong(6, chunkCount);
            s.executeUpdate();
        }
        try (PreparedStatement s = connection.prepareStatement("UPDATE chunk_documents SET current_generation = ?,"
                + " pending_generation = NULL, chunk_count = ?, updated_at = now() WHERE collection = ? AND document = ?")) {
            s.setLong(1, generation);
            s.setLong(2, chunkCount);
            s.setString(3, collection);
            s.setString(4, document);
            s.executeUpdate();
        }
    }

    /** Returns {bucket, current generation or 0, pending generation or 0}, holding the row's lock. */
    private static long[] lock(Connection connection, String collection, String document) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT bucket, coalesce(current_generation, 0),"
                + " coalesce(pending_generation, 0) FROM chunk_documents WHERE collection = ? AND document = ? FOR UPDATE")) {
            s.setString(1, collection);
            s.setString(2, document);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new ChunkRefusedException("document '" + document + "' of collection '" + collection
                            + "' was deleted while a run wrote it; start the run again");
                }
                return new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }
}
