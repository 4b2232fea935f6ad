package dev.chunking.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one in-process Spark of a test JVM: {@code local[2,2]} (two task threads; a failed task is tried
 * once more, which {@link RetriedTaskIT} needs), no web UI, few shuffle partitions, the warehouse
 * under target/. {@code spark.testing.reservedMemory=0}: Spark's memory manager otherwise keeps 300 MB
 * for itself and refuses to start in a heap under 450 MB, and the pom gives this JVM 96 MB, smaller
 * than {@link LargeDocumentIT}'s document. Started on first use and left to Spark's own shutdown hook.
 */
final class TestSpark {
    /** Spark's threads, and how often a task may fail: Spark's local[threads,maxFailures]. */
    static final String MASTER = "local[2,2]";

    private static SparkSession session;

    private TestSpark() {
    }

    /** The shared session. */
    static synchronized SparkSession session() {
        if (session == null) {
            session = builder(MASTER).getOrCreate();
        }
        return session;
    }

    /** A builder with the settings of a quick local Spark. */
    static SparkSession.Builder builder(String master) {
        Path target = Path.of("target", "spark").toAbsolutePath();
        return SparkSession.builder()
                .appName("chunking-spark tests")
                .master(master)
                .config("spark.testing.reservedMemory", "0")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.warehouse.dir", target.resolve("warehouse").toString());
    }

    /** Documents as rows of (id, text). */
    static Dataset<Row> documents(List<String> ids, List<String> texts) {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            rows.add(RowFactory.create(ids.get(i), texts.get(i)));
        }
        return session().createDataFrame(rows, schema);
    }
}
