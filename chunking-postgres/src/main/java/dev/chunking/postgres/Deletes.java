package dev.chunking.postgres;

import dev.chunking.postgres.internal.CheckpointRows;
import dev.chunking.postgres.internal.ChunkStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.OptionalInt;

/** The deletes of a document or a collection, inside the caller's transaction. Stateless. */
final class Deletes {
    private Deletes() {
    }

    static long document(Connection c, OptionalInt bucket, String collection, String document) throws SQLException {
        long rows = 0;
        if (bucket.isPresent()) {
            try (PreparedStatement s = c.prepareStatement(ChunkStatements.deleteDocument(bucket.getAsInt()))) {
                s.setInt(1, bucket.getAsInt());
                s.setString(2, collection);
                s.setString(3, document);
                rows = s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM chunk_documents WHERE collection = ? AND document = ?")) {
            s.setString(1, collection);
            s.setString(2, document);
            s.executeUpdate();
        }
        CheckpointRows.delete(c, collection, document);
        return rows;
    }

    static long collection(Connection c, OptionalInt bucket, String collection) throws SQLException {
        long rows = 0;
        if (bucket.isPresent()) {
            try (PreparedStatement s = c.prepareStatement(ChunkStatements.deleteCollection(bucket.getAsInt()))) {
                s.setInt(1, bucket.getAsInt());
                s.setString(2, collection);
                rows = s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM chunk_documents WHERE collection = ?")) {
            s.setString(1, collection);
            s.executeUpdate();
        }
        CheckpointRows.delete(c, collection, null);
        if (bucket.isPresent()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM chunk_collections WHERE collection = ?")) {
                s.setString(1, collection);
                if (s.executeUpdate() > 0) {
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE chunk_buckets SET collections = collections - 1 WHERE bucket = ?")) {
                        u.setInt(1, bucket.getAsInt());
                        u.executeUpdate();
                    }
                }
            }
        }
        return rows;
    }
}
