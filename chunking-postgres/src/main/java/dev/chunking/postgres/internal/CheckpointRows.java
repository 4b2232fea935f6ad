package dev.chunking.postgres.internal;

import dev.chunking.domain.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The statements of the {@code chunk_checkpoints} table: one checkpoint per (collection,
 * document), as {@code jsonb}. Each runs inside the caller's transaction, so a batch of chunks and
 * the checkpoint that covers them commit together. Stateless.
 */
public final class CheckpointRows {
    private CheckpointRows() {
    }

    /**
     * Loads a checkpoint.
     *
     * @param connection the connection
     * @param collection the collection id
     * @param document the document id
     * @return the checkpoint, or empty
     * @throws SQLException if the statement fails
     */
    public static Optional<Checkpoint> load(Connection connection, String collection, String document) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT checkpoint::text FROM chunk_checkpoints WHERE collection = ? AND document = ?")) {
            s.setString(1, collection);
            s.setString(2, document);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(CheckpointJson.read(rs.getString(1), "document '" + document
                        + "' of collection '" + collection + "'")) : Optional.empty();
            }
        }
    }

    /**
     * Saves a checkpoint, replacing the pair's previous one.
     *
     * @param connection the connection
     * @param checkpoint the checkpoint
     * @throws SQLException if the statement fails
     */
    public static void save(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO chunk_checkpoints (collection, document, checkpoint)"
                + " VALUES (?, ?, ?::jsonb) ON CONFLICT (collection, document)"
                + " DO UPDATE SET checkpoint = excluded.checkpoint, saved_at = now()")) {
            s.setString(1, checkpoint.collection().value());
            s.setString(2, checkpoint.document().value());
            s.setString(3, CheckpointJson.write(checkpoint));
            s.executeUpdate();
        }
    }

    /**
     * Deletes a pair's checkpoint, if any.
     *
     * @param connection the connection
     * @param collection the collection id
     * @param document the document id, or null for every document of the collection
     * @return how many were deleted
     * @throws SQLException if the statement fails
     */
    public static int delete(Connection connection, String collection, String document) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(document == null
                ? "DELETE FROM chunk_checkpoints WHERE collection = ?"
                : "DELETE FROM chunk_checkpoints WHERE collection = ? AND document = ?")) {
            s.setString(1, collection);
            if (document != null) {
                s.setString(2, document);
            }
            return s.executeUpdate();
        }
    }
}
