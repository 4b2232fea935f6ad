package dev.chunking.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The public schema of the chunk rows {@link SparkChunking#chunk} returns, one row per chunk. The
 * names are those of the PostgreSQL store's {@code chunks} table (chunking-postgres), so a writer
 * only adds {@code bucket}, {@code collection} and {@code generation} to append them there
 * (docs/spark.md). Names and types are stable; new columns are only ever added at the end.
 *
 * <table>
 *   <caption>Columns, in order</caption>
 *   <tr><th>column</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@value #DOCUMENT}</td><td>string</td><td>the document id, from the id column</td></tr>
 *   <tr><td>{@value #CHUNK_INDEX}</td><td>bigint</td><td>the chunk's position in its document, from 0</td></tr>
 *   <tr><td>{@value #TEXT}</td><td>string</td><td>the chunk's text: exactly the source slice below</td></tr>
 *   <tr><td>{@value #START_CP}, {@value #END_CP}</td><td>bigint</td><td>code-point offsets {@code [start, end)}</td></tr>
 *   <tr><td>{@value #START_BYTE}, {@value #END_BYTE}</td><td>bigint</td><td>UTF-8 byte offsets {@code [start, end)}</td></tr>
 *   <tr><td>{@value #SIZE}</td><td>int</td><td>the chunk's size in {@value #UNIT}</td></tr>
 *   <tr><td>{@value #UNIT}</td><td>string</td><td>{@code chars} (code points) or {@code tokens}</td></tr>
 *   <tr><td>{@value #STRATEGY}</td><td>string</td><td>the strategy that made the chunk</td></tr>
 *   <tr><td>{@value #HEADINGS}</td><td>array&lt;string&gt;</td><td>the heading path, outermost first; empty if none</td></tr>
 *   <tr><td>{@value #LEVEL}</td><td>int</td><td>0 at the top; deeper in a hierarchy or under deeper headings</td></tr>
 *   <tr><td>{@value #CHUNK_ID}</td><td>string, nullable</td><td>the chunk's own id, where a strategy links chunks</td></tr>
 *   <tr><td>{@value #PARENT_ID}</td><td>string, nullable</td><td>the enclosing chunk's id ({@code hierarchical})</td></tr>
 *   <tr><td>{@value #REPLACEMENTS}</td><td>bigint</td><td>malformed sequences replaced by U+FFFD (policy {@code REPLACE})</td></tr>
 * </table>
 */
public final class ChunkColumns {
    /** The document id. */
    public static final String DOCUMENT = "document";
    /** The chunk's index in its document. */
    public static final String CHUNK_INDEX = "chunk_index";
    /** The chunk's text. */
    public static final String TEXT = "text";
    /** The code-point offset of the first code point, inclusive. */
    public static final String START_CP = "start_cp";
    /** The code-point offset after the last code point, exclusive. */
    public static final String END_CP = "end_cp";
    /** The UTF-8 byte offset of the first byte, inclusive. */
    public static final String START_BYTE = "start_byte";
    /** The UTF-8 byte offset after the last byte, exclusive. */
    public static final String END_BYTE = "end_byte";
    /** The chunk's size in its unit. */
    public static final String SIZE = "size";
    /** The unit of the size. */
    public static final String UNIT = "unit";
    /** The strategy's name. */
    public static final String STRATEGY = "strategy";
    /** The heading path. */
    public static final String HEADINGS = "headings";
    /** The level. */
    public static final String LEVEL = "level";
    /** The chunk's own id, or null. */
    public static final String CHUNK_ID = "chunk_id";
    /** The parent chunk's id, or null. */
    public static final String PARENT_ID = "parent_id";
    /** The count of replaced malformed sequences. */
    public static final String REPLACEMENTS = "replacements";

    private ChunkColumns() {
    }

    /**
     * The schema of the chunk rows: the columns above, in that order.
     *
     * @return a new schema instance (Spark's {@code StructType} is not immutable, so none is shared)
     */
    public static StructType schema() {
        return new StructType(new StructField[] {
            DataTypes.createStructField(DOCUMENT, DataTypes.StringType, false),
            DataTypes.createStructField(CHUNK_INDEX, DataTypes.LongType, false),
            DataTypes.createStructField(TEXT, DataTypes.StringType, false),
            DataTypes.createStructField(START_CP, DataTypes.LongType, false),
            DataTypes.createStructField(END_CP, DataTypes.LongType, false),
            DataTypes.createStructField(START_BYTE, DataTypes.LongType, false),
            DataTypes.createStructField(END_BYTE, DataTypes.LongType, false),
            DataTypes.createStructField(SIZE, DataTypes.IntegerType, false),
            DataTypes.createStructField(UNIT, DataTypes.StringType, false),
            DataTypes.createStructField(STRATEGY, DataTypes.StringType, false),
            DataTypes.createStructField(HEADINGS, DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField(LEVEL, DataTypes.IntegerType, false),
            DataTypes.createStructField(CHUNK_ID, DataTypes.StringType, true),
            DataTypes.createStructField(PARENT_ID, DataTypes.StringType, true),
            DataTypes.createStructField(REPLACEMENTS, DataTypes.LongType, false),
        });
    }
}
