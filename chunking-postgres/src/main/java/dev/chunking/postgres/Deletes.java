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
        // the document's row first: it waits for a writer's open batch (which holds the row's lock),
        // so the chunk delete after it, a statement with a snapshot of its own, sees that batch's rows
        try (PreparedStatement s = c.prepareStatement("DELETE FROM chunk_documents WHERE collection = ? AND document = ?")) {
            s.setString(1, collection);
            s.setString(2, document);
            s.executeUpdate();
        }
        long rows = 0;
        if (bucket.isPresent()) {
            try (PreparedStatement s = c.prepareStatement(ChunkStatements.deleteDocument(bucket.getAsInt()))) {
                s.setInt(1, bucket.getAsInt());
                s.setString(2, collection);
                s.setString(3, document);
                rows = s.executeUpdate();
            }
        }
        CheckpointRows.delete(c, collection, document);
        return rows;
    }

    static long collection(Connection c, OptionalInt bucket, String collection) throws SQLException {
        // lock the collection's row first: a run starting (its document row's foreign key) waits,
        // and one that started commits first; then the document rows, which wait for open batches;
        // only then the chunks, so the delete sees every row those batches committed
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM chunk_collections WHERE collection = ? FOR UPDATE")) {
            s.setString(1, collection);
            s.executeQuery().close();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM chunk_documents WHERE collection = ?")) {
            s.setString(1, collection);
            s.executeUpdate();
        }
        long rows = 0;
        if (bucket.isPresent()) {
            try (PreparedStatement s = c.prepareStatement(ChunkStatements.deleteCollection(bucket.getAsInt()))) {
                s.setInt(1, bucket.getAsInt());
                s.setString(2, collection);
                rows = s.executeUpdate();
            }
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
