package dev.chunking.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.UnknownPluginException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents that do not fit the settings fail with the library's exceptions, whose messages give
 * the value, where it is and the setting to change: on the driver for a missing column, a column
 * of the wrong type or an unknown strategy; in the task, as the cause of Spark's job failure, for a
 * null id or text and an unreadable path.
 */
class DocumentInputIT {
    private final SparkChunking recursive = SparkChunking.of(ChunkingSpec.defaults("recursive"));

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAreAndTheSetting() {
        Dataset<Row> documents = TestSpark.documents(List.of("a"), List.of("text"));

        assertThatThrownBy(() -> recursive.columns(DocumentColumns.text("id", "body")).chunk(documents))
                .isInstanceOf(DocumentInputException.class)
                .hasMessage("the documents have no text column 'body'; their columns are [id, text]; name the right one in"
                        + " DocumentColumns.text(\"id\", \"body\") and pass it to SparkChunking.columns");
    }

    @Test
    void aTextColumnOfAnotherTypeIsRefusedWithTheCastToMake() {
        Dataset<Row> documents = TestSpark.session().sql("SELECT 'a' AS id, 1.5D AS text");

        assertThatThrownBy(() -> recursive.chunk(documents))
                .isInstanceOf(DocumentInputException.class)
                .hasMessage("the text column 'text' is of type double, not string; cast it (Dataset.withColumn(\"text\","
                        + " col(\"text\").cast(\"string\"))) or name another column in DocumentColumns.text(\"id\", \"text\")");
    }

    @Test
    void anUnknownStrategyFailsOnTheDriverListingTheKnownOnes() {
        assertThatThrownBy(() -> SparkChunking.of(ChunkingSpec.defaults("recursiv")))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("recursiv").hasMessageContaining("recursive");
    }

    @Test
    void aNullIdFailsTheJobNamingTheColumnTheRowAndTheFix() {
        Dataset<Row> documents = TestSpark.documents(Arrays.asList("a", null), List.of("one", "two")).coalesce(1);

        assertThat(failure(recursive.chunk(documents))).hasMessage("the id column 'id' is null in row 1 of partition 0; drop such"
                + " rows (Dataset.na().drop(new String[] {\"id\"})) or name another id column in DocumentColumns.text(\"id\", \"text\")");
    }

    @Test
    void aNullTextFailsTheJobNamingTheDocument() {
        Dataset<Row> documents = TestSpark.documents(List.of("a"), Arrays.asList((String) null)).coalesce(1);

        assertThat(failure(recursive.chunk(documents))).hasMessage("document 'a' has a null text in column 'text' (row 0 of"
                + " partition 0); drop or fill such rows (Dataset.na()) or name another column in DocumentColumns.text(\"id\", \"text\")");
    }

    @Test
    void anIdTheLibraryRefusesFailsTheJobWithTheLibrarysReason() {
        Dataset<Row> documents = TestSpark.documents(List.of(" "), List.of("text")).coalesce(1);

        assertThat(failure(recursive.chunk(documents))).hasMessageStartingWith("the id column 'id' holds an id the library refuses"
                + " in row 0 of partition 0: document id");
    }

    @Test
    void anUnreadablePathFailsTheJobNamingThePathAndTheDocument(@TempDir Path dir) {
        String missing = dir.resolve("missing.txt").toString();
        Dataset<Row> documents = TestSpark.documents(List.of("a"), List.of(missing)).coalesce(1);

        assertThat(failure(recursive.columns(DocumentColumns.paths("id", "text")).chunk(documents)))
                .hasMessageStartingWith("document 'a': cannot read the path '" + missing + "' of column 'text' (java.nio.file.NoSuchFileException")
                .hasMessageEndingWith("); the path must name a readable UTF-8 file on every executor (a local or shared file system),"
                        + " or name another column in DocumentColumns.paths(\"id\", \"text\")");
    }

    @Test
    void aMalformedFileFailsTheJobNamingTheDocumentTheFileAndTheFix(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("latin1.txt");
        java.nio.file.Files.write(bad, new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'n', 'o', 'i', 'r'});
        Dataset<Row> documents = TestSpark.documents(List.of("cafe"), List.of(bad.toString())).coalesce(1);

        DocumentInputException failure = failure(recursive.columns(DocumentColumns.paths("id", "text")).chunk(documents));

        assertThat(failure).hasMessageStartingWith("document 'cafe' (the file '" + bad + "', row 0 of partition 0): malformed UTF-8"
                + " at byte offset 3").hasMessageEndingWith("; fix the input encoding or convert it to UTF-8");
        assertThat(failure.getCause()).isInstanceOf(dev.chunking.domain.MalformedInputException.class);
    }

    /** The library's exception among the causes of the job's failure. */
    private static DocumentInputException failure(Dataset<Row> chunks) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(chunks::count);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof DocumentInputException e) {
                return e;
            }
        }
        throw new AssertionError("no DocumentInputException among the causes", thrown);
    }
}
