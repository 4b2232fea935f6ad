package dev.chunking.spark;

import dev.chunking.domain.InvalidOptionsException;
import java.io.Serializable;

/**
 * Which columns of the documents' {@code Dataset<Row>} hold the document id and its content, and
 * whether the content is the text itself or the path of a file to read as a stream (for
 * documents too large for one row). Immutable and thread-safe.
 *
 * @param id the id column: string, or an integer type (turned into its decimal string)
 * @param content the text column or the path column, of type string
 * @param kind whether {@code content} holds text or paths
 */
public record DocumentColumns(String id, String content, Content kind) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the content column holds. */
    public enum Content {
        /** The document's text. */
        TEXT,
        /**
         * The path of a UTF-8 file ({@code /data/a.txt} or {@code file:/data/a.txt}), readable by
         * every executor (a local or shared file system), read in 64 KiB buffers.
         */
        PATH
    }

    /** The default: an {@code id} column and a {@code text} column. */
    public static final DocumentColumns DEFAULT = text("id", "text");

    /**
     * Validates the names.
     *
     * @throws InvalidOptionsException if a name is blank or the kind is missing
     */
    public DocumentColumns {
        if (id == null || id.isBlank() || content == null || content.isBlank() || kind == null) {
            throw new InvalidOptionsException("document columns: id column '" + id + "', content column '" + content
                    + "' and kind " + kind + " must all be set; use DocumentColumns.text(id, text) or DocumentColumns.paths(id, path)");
        }
    }

    /**
     * An id column and a text column.
     *
     * @param id the id column
     * @param text the text column
     * @return the columns
     */
    public static DocumentColumns text(String id, String text) {
        return new DocumentColumns(id, text, Content.TEXT);
    }

    /**
     * An id column and a column of file paths, each file read as a stream in bounded memory.
     *
     * @param id the id column
     * @param path the path column
     * @return the columns
     */
    public static DocumentColumns paths(String id, String path) {
        return new DocumentColumns(id, path, Content.PATH);
    }

    /** How the setting is written, for messages. */
    String setting() {
        return kind == Content.TEXT ? "DocumentColumns.text(\"" + id + "\", \"" + content + "\")"
                : "DocumentColumns.paths(\"" + id + "\", \"" + content + "\")";
    }
}
