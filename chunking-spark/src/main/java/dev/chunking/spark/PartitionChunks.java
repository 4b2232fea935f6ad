package dev.chunking.spark;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The task's function: one chunking per partition, resolved by name on the executor, and a lazy
 * iterator that chunks one document at a time as Spark pulls the rows. Its input rows are
 * {@code (id, content)}, both strings; a document's chunks come out in index order.
 */
final class PartitionChunks implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ChunkingSpec spec;
    private final DocumentColumns columns;

    PartitionChunks(ChunkingSpec spec, DocumentColumns columns) {
        this.spec = spec;
        this.columns = columns;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> documents) {
        Rows rows = new Rows(spec.chunking(), columns, documents);
        TaskContext task = TaskContext.get();
        if (task != null) { // a killed or failed task closes the file it was reading
            task.addTaskCompletionListener((TaskCompletionListener) context -> rows.close());
        }
        return rows;
    }

    /** The chunk rows of a partition's documents, made as they are asked for. */
    private static final class Rows implements Iterator<Row> {
        private final Chunking chunking;
        private final DocumentColumns columns;
        private final Iterator<Row> documents;
        private DocumentChunks current;
        private String currentId;
        private String currentContent;
        private long row;

        Rows(Chunking chunking, DocumentColumns columns, Iterator<Row> documents) {
            this.chunking = chunking;
            this.columns = columns;
            this.documents = documents;
        }

        @Override
        public boolean hasNext() {
            TaskContext task = TaskContext.get();
            if (task != null) { // Spark SQL does not interrupt a cancelled task's thread: stop at the next row instead
                task.killTaskIfInterrupted();
            }
            while (current == null || !inDocument(current::hasNext)) {
                if (current != null) {
                    close();
                }
                if (!documents.hasNext()) {
                    return false;
                }
                Row document = documents.next();
                long index = row++;
                current = inDocument(() -> open(document, index));
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more chunks in this partition");
            }
            return row(inDocument(current::next));
        }

        void close() {
            DocumentChunks open = current;
            current = null;
            if (open != null) {
                open.close();
            }
        }

        /**
         * Runs a step of the current document, naming the document in a failure: a malformed byte, a
         * limit or a read error in one of a million files must say which file.
         */
        private <T> T inDocument(Supplier<T> step) {
            try {
                return step.get();
            } catch (DocumentInputException e) {
                throw e;
            } catch (ChunkingException | UncheckedIOException e) {
                String source = columns.kind() == DocumentColumns.Content.PATH ? "the file '" + currentContent + "'"
                        : "the text in column '" + columns.content() + "'";
                throw new DocumentInputException("document '" + currentId + "' (" + source + ", row "
                        + (row - 1) + " of partition " + TaskContext.getPartitionId() + "): " + e.getMessage(), e);
            }
        }

        private DocumentChunks open(Row document, long index) {
            String where = "row " + index + " of partition " + TaskContext.getPartitionId();
            String id = document.getString(0);
            if (id == null) {
                throw new DocumentInputException("the id column '" + columns.id() + "' is null in " + where
                        + "; drop such rows (Dataset.na().drop(new String[] {\"" + columns.id() + "\"})) or name another id column in "
                        + columns.setting());
            }
            DocumentId documentId;
            try {
                documentId = DocumentId.of(id);
            } catch (InvalidOptionsException e) {
                throw new DocumentInputException("the id column '" + columns.id() + "' holds an id the library refuses in " + where
                        + ": " + e.getMessage(), e);
            }
            String content = document.getString(1);
            if (content == null) {
                throw new DocumentInputException("document '" + id + "' has a null " + (columns.kind() == DocumentColumns.Content.TEXT
                        ? "text" : "path") + " in column '" + columns.content() + "' (" + where + "); drop or fill such rows"
                        + " (Dataset.na()) or name another column in " + columns.setting());
            }
            currentId = id;
            currentContent = content;
            return columns.kind() == DocumentColumns.Content.TEXT ? DocumentChunks.ofText(chunking, documentId, content)
                    : DocumentChunks.ofPath(chunking, documentId, content, columns);
        }
    }

    /** A chunk as a row of {@link ChunkColumns#schema()}, but for the text: its UTF-8 bytes. */
    static Row row(Chunk chunk) {
        return RowFactory.create(chunk.document().value(), chunk.index(), chunk.content().toByteArray(), chunk.start(), chunk.end(),
                chunk.byteStart(), chunk.byteEnd(), chunk.size(), chunk.unit().label(), chunk.strategy(),
                chunk.metadata().headings().toArray(new String[0]), chunk.metadata().level(),
                chunk.metadata().id().orElse(null), chunk.metadata().parent().orElse(null), (long) chunk.replacements());
    }
}
