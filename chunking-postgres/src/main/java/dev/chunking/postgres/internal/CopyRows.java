package dev.chunking.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkRefusedException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import org.postgresql.copy.CopyIn;

/**
 * Encodes chunks as rows of PostgreSQL's COPY text format, in UTF-8, into a buffer that a batch
 * sends to its COPY a slice at a time ({@link #drainTo}). PostgreSQL text cannot hold U+0000, so
 * a chunk that contains it is refused here, before its row is sent; the caller cancels the COPY,
 * so nothing of the batch is stored. Not thread-safe: one per batch writer.
 */
public final class CopyRows {
    /** The columns every row fills, in order. */
    public static final String COLUMNS = "bucket, collection, document, generation, chunk_index, text, start_cp, end_cp,"
            + " start_byte, end_byte, size, unit, strategy, headings, level, chunk_id, parent_id, replacements, metadata";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NULL = {'\\', 'N'};

    private byte[] buffer = new byte[1 << 16];
    private int length;
    private int rows;

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        length = 0;
        rows = 0;
    }

    /** @return the encoded bytes so far, as a stream that reads the buffer without copying it */
    public InputStream stream() {
        return new ByteArrayInputStream(buffer, 0, length);
    }

    /**
     * Sends the bytes encoded so far to a running COPY and empties the buffer (the row count
     * stays), so that the server parses and inserts rows while the next ones are encoded.
     *
     * @param copy the COPY in progress
     * @throws SQLException if the connection fails
     */
    public void drainTo(CopyIn copy) throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    /** @return how many bytes are encoded */
    public int length() {
        return length;
    }

    /** @return how many rows are encoded */
    public int rows() {
        return rows;
    }

    /**
     * Appends one chunk as a row.
     *
     * @param bucket the collection's partition
     * @param collection the collection id
     * @param generation the document's generation the row belongs to
     * @param chunk the chunk
     * @throws ChunkRefusedException if the chunk's text, headings or metadata contain U+0000
     */
    public void add(int bucket, String collection, long generation, Chunk chunk) {
        int mark = length;
        try {
            number(bucket);
            text(collection);
            text(chunk.document().value());
            number(generation);
            number(chunk.index());
            utf8(chunk.content().toByteArray(), chunk, "text");
            number(chunk.start());
            number(chunk.end());
            number(chunk.byteStart());
            number(chunk.byteEnd());
            number(chunk.size());
            text(chunk.unit().label());
            text(chunk.strategy());
            ChunkMetadata m = chunk.metadata();
            text(headings(m));
            number(m.level());
            optional(m.id().orElse(null));
            optional(m.parent().orElse(null));
            number(chunk.replacements());
            text(json(m));
            buffer[length - 1] = '\n'; // the last field's tab becomes the row's end
            rows++;
        } catch (ChunkRefusedException e) {
            length = mark;
            throw e;
        } catch (IllegalStateException e) {
            length = mark;
            throw new ChunkRefusedException("chunk " + chunk.index() + " of document '" + chunk.document().value() + "' "
                    + e.getMessage() + ": PostgreSQL text cannot hold U+0000; remove it from the source or store elsewhere");
        }
    }

    private static String headings(ChunkMetadata m) {
        if (m.headings().isEmpty()) {
            return "{}";
        }
        StringBuilder s = new StringBuilder("{");
        for (String h : m.headings()) {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('"');
            for (int i = 0; i < h.length(); i++) {
                char c = h.charAt(i);
                if (c == '"' || c == '\\') {
                    s.append('\\');
                }
                s.append(c);
            }
            s.append('"');
        }
        return s.append('}').toString();
    }

    private static String json(ChunkMetadata m) {
        if (m.attributes().isEmpty()) {
            return "{}";
        }
        for (Map.Entry<String, String> e : m.attributes().entrySet()) {
            // JSON escapes U+0000 as six ASCII characters, which the byte check cannot see and jsonb rejects
            if (e.getKey().indexOf('\u0000') >= 0 || e.getValue().indexOf('\u0000') >= 0) {
                throw new IllegalStateException("holds U+0000 in metadata attribute '" + e.getKey().replace('\u0000', '?') + "'");
            }
        }
        try {
            return JSON.writeValueAsString(m.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("has metadata that cannot be written as JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private void optional(String value) {
        if (value == null) {
            ensure(3);
            buffer[length++] = NULL[0];
            buffer[length++] = NULL[1];
            buffer[length++] = '\t';
        } else {
            text(value);
        }
    }

    private void number(long value) {
        String s = Long.toString(value);
        ensure(s.length() + 1);
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
        buffer[length++] = '\t';
    }

    private void text(String value) {
        utf8(value.getBytes(StandardCharsets.UTF_8), null, "a field");
    }

    /**
     * Appends UTF-8 bytes escaped for COPY: backslash, newline, carriage return and tab; U+0000 is
     * refused. Copies the runs between two such bytes whole: in chunk text they are rare, and a
     * test and a store per byte cost most of the encoding.
     */
    private void utf8(byte[] bytes, Chunk chunk, String what) {
        ensure(bytes.length * 2 + 1);
        int run = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if ((b & 0xE0) != 0 && b != '\\') { // not a control character (multi-byte UTF-8 is negative) nor a backslash
                continue;
            }
            byte escaped;
            switch (b) {
                case 0:
                    throw new IllegalStateException("holds U+0000 in " + what);
                case '\\':
                    escaped = '\\';
                    break;
                case '\n':
                    escaped = 'n';
                    break;
                case '\r':
                    escaped = 'r';
                    break;
                case '\t':
                    escaped = 't';
                    break;
                default:
                    continue; // another control character goes as it is
            }
            System.arraycopy(bytes, run, buffer, length, i - run);
            length += i - run;
            buffer[length++] = '\\';
            buffer[length++] = escaped;
            run = i + 1;
        }
        System.arraycopy(bytes, run, buffer, length, bytes.length - run);
        length += bytes.length - run;
        buffer[length++] = '\t';
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
