package dev.chunking.spark;

import dev.chunking.domain.InvalidOptionsException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Chunks a {@code Dataset<Row>} of documents on Spark into one row per chunk
 * ({@link ChunkColumns#schema()}), with exactly the chunks the library makes on one machine:
 * {@code Chunking.chunk(id, text)} for a text column, {@code StreamingChunker} over the file for a
 * path column. Each partition is chunked by one task with one chunker ({@code mapPartitions});
 * chunks are produced as Spark pulls rows, so a task holds one input buffer and one chunk window,
 * never a whole file. The rows of a document do not depend on how the documents are partitioned.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Dataset<Row> chunks = SparkChunking.of(ChunkingSpec.defaults("recursive"))
 *         .columns(DocumentColumns.text("id", "body"))
 *         .chunk(documents);
 * chunks.write().parquet("s3a://bucket/chunks");
 * }</pre>
 */
public final class SparkChunking {
    private final ChunkingSpec spec;
    private final DocumentColumns columns;

    private SparkChunking(ChunkingSpec spec, DocumentColumns columns) {
        this.spec = spec;
        this.columns = columns;
    }

    /**
     * A chunking of documents in the default columns ({@link DocumentColumns#DEFAULT}: {@code id},
     * {@code text}). Resolves the strategy once on the driver, so an unknown name or a parameter
     * the strategy does not read fails here, not in a task.
     *
     * @param spec the strategy and options
     * @return the chunking
     * @throws dev.chunking.domain.UnknownPluginException if the strategy or token counter is not registered
     * @throws InvalidOptionsException if the options do not suit the strategy
     */
    public static SparkChunking of(ChunkingSpec spec) {
        if (spec == null) {
            throw new InvalidOptionsException("spec must not be null; use ChunkingSpec.defaults(\"recursive\")");
        }
        spec.chunking();
        return new SparkChunking(spec, DocumentColumns.DEFAULT);
    }

    /**
     * The same chunking over other columns.
     *
     * @param value the id column and the text or path column
     * @return a new instance
     */
    public SparkChunking columns(DocumentColumns value) {
        if (value == null) {
            throw new InvalidOptionsException("columns must not be null; use DocumentColumns.text(id, text)"
                    + " or DocumentColumns.paths(id, path)");
        }
        return new SparkChunking(spec, value);
    }

    /**
     * Returns the strategy and options.
     *
     * @return the spec
     */
    public ChunkingSpec spec() {
        return spec;
    }

    /**
     * Returns the columns read.
     *
     * @return the columns
     */
    public DocumentColumns columns() {
        return columns;
    }

    /**
     * Chunks the documents, lazily: nothing runs until an action (a write, a count) asks for the
     * rows. Other columns of {@code documents} are not carried over; join on
     * {@link ChunkColumns#DOCUMENT} to bring them back.
     *
     * @param documents one row per document
     * @return one row per chunk, in the schema {@link ChunkColumns#schema()}; within a partition a
     *     document's chunks come in index order
     * @throws DocumentInputException if a column is missing or of a type that cannot be read
     */
    public Dataset<Row> chunk(Dataset<Row> documents) {
        StructType input = documents.schema();
        Column id = column(input, columns.id(), "id");
        DataType idType = field(input, columns.id(), "id").dataType();
        if (!idType.equals(DataTypes.StringType)) {
            id = id.cast(DataTypes.StringType);
        }
        Column content = column(input, columns.content(), columns.kind() == DocumentColumns.Content.TEXT ? "text" : "path");
        // The task hands the text over as its UTF-8 bytes, and Spark's cast makes them its UTF-8 string as they are:
        // a String would be decoded from UTF-8 and encoded again, which took more time than the chunking itself.
        StructField[] fields = ChunkColumns.schema().fields(); // a new schema each time: changing its array is safe
        Column[] out = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            if (name.equals(ChunkColumns.TEXT)) {
                fields[i] = DataTypes.createStructField(name, DataTypes.BinaryType, false);
                out[i] = functions.col(name).cast(DataTypes.StringType).as(name);
            } else {
                out[i] = functions.col(name);
            }
        }
        return documents.select(id, content)
                .mapPartitions(new PartitionChunks(spec, columns), Encoders.row(new StructType(fields)))
                .select(out);
    }

    private Column column(StructType schema, String name, String role) {
        StructField field = field(schema, name, role);
        DataType type = field.dataType();
        boolean accepted = type.equals(DataTypes.StringType) || "id".equals(role)
                && (type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType));
        if (!accepted) {
            throw new DocumentInputException("the " + role + " column '" + name + "' is of type " + type.simpleString()
                    + ", not string" + ("id".equals(role) ? " or an integer type" : "") + "; cast it (Dataset.withColumn(\"" + name
                    + "\", col(\"" + name + "\").cast(\"string\"))) or name another column in " + columns.setting());
        }
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    private StructField field(StructType schema, String name, String role) {
        Optional<StructField> field = Arrays.stream(schema.fields()).filter(f -> f.name().equals(name)).findFirst();
        return field.orElseThrow(() -> new DocumentInputException("the documents have no " + role + " column '" + name
                + "'; their columns are " + Arrays.toString(schema.fieldNames()) + "; name the right one in "
                + columns.setting() + " and pass it to SparkChunking.columns"));
    }
}
