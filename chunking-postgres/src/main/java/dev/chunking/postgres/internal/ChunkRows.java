package dev.chunking.postgres.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads stored rows back as {@link Chunk}s, every field as it was written. Stateless. */
public final class ChunkRows {
    /** The columns {@link #chunk} reads, in order. */
    public static final String COLUMNS = "chunk_index, text, start_cp, end_cp, start_byte, end_byte, size, unit, strategy,"
            + " headings, level, chunk_id, parent_id, replacements, metadata::text";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    private ChunkRows() {
    }

    /**
     * Reads the current row as a chunk.
     *
     * @param rs a result set positioned on a row of {@link #COLUMNS}
     * @param document the document the row belongs to
     * @return the chunk
     * @throws SQLException if a column cannot be read
     */
    public static Chunk chunk(ResultSet rs, DocumentId document) throws SQLException {
        Array headingArray = rs.getArray(10);
        List<String> headings = headingArray == null ? List.of() : Arrays.asList((String[]) headingArray.getArray());
        String json = rs.getString(15);
        Map<String, String> attributes;
        try {
            attributes = "{}".equals(json) ? Map.of() : JSON.readValue(json, STRINGS);
        } catch (IOException e) {
            throw new SQLException("the metadata of chunk " + rs.getLong(1) + " is not a JSON object of strings: " + json, e);
        }
        ChunkMetadata metadata = headings.isEmpty() && rs.getInt(11) == 0 && rs.getString(12) == null
                && rs.getString(13) == null && attributes.isEmpty() ? ChunkMetadata.NONE
                : new ChunkMetadata(headings, rs.getInt(11), Optional.ofNullable(rs.getString(12)),
                        Optional.ofNullable(rs.getString(13)), attributes);
        return new Chunk(document, rs.getLong(1), Utf8Text.of(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getInt(7), SizeUnit.parse(rs.getString(8)), rs.getString(9), metadata, rs.getInt(14));
    }
}
