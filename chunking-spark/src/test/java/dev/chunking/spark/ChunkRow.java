package dev.chunking.spark;

import dev.chunking.domain.Chunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A chunk row in a form that compares by value (Spark hands arrays back as Scala sequences), made
 * from a collected row or from the library's own {@link Chunk}.
 */
record ChunkRow(String document, long index, String text, long start, long end, long byteStart, long byteEnd, int size,
                String unit, String strategy, List<String> headings, int level, String id, String parent, long replacements) {

    /** Document, then index. */
    static final Comparator<ChunkRow> ORDER = Comparator.comparing(ChunkRow::document).thenComparingLong(ChunkRow::index);

    static ChunkRow of(Row row) {
        return new ChunkRow(row.getString(0), row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5),
                row.getLong(6), row.getInt(7), row.getString(8), row.getString(9), List.copyOf(row.<String>getList(10)),
                row.getInt(11), row.getString(12), row.getString(13), row.getLong(14));
    }

    static ChunkRow of(Chunk chunk) {
        return new ChunkRow(chunk.document().value(), chunk.index(), chunk.text(), chunk.start(), chunk.end(), chunk.byteStart(),
                chunk.byteEnd(), chunk.size(), chunk.unit().label(), chunk.strategy(), chunk.metadata().headings(),
                chunk.metadata().level(), chunk.metadata().id().orElse(null), chunk.metadata().parent().orElse(null),
                chunk.replacements());
    }

    /** Collected rows, sorted by document and index. */
    static List<ChunkRow> sorted(List<Row> rows) {
        List<ChunkRow> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(of(row));
        }
        out.sort(ORDER);
        return out;
    }
}
