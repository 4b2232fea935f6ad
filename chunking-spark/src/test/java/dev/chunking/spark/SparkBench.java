package dev.chunking.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark of {@code bin/spark-bench}: chunks every file of a folder once with the
 * single-process command ({@code bin/chunk --format stats}, its default settings) and once with
 * {@link SparkChunking} on each Spark master asked for (path column, Spark's {@code noop} writer, so
 * every row is made and nothing is stored), and prints a Markdown table of wall-clock times and
 * MB/s (10^6 bytes of input per second), with each Spark run's ratio to the command. Spark's start-up
 * is timed apart from the jobs; the command runs once, start to exit, JVM start included. Files missing from the folder are generated first
 * ({@link GeneratedText}).
 */
public final class SparkBench {
    private SparkBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --input DIR} (the documents, every regular file in it), {@code --mb N} (files of
     *     10 MB to generate when the folder has none; default 1000), {@code --masters LIST} (default
     *     {@code local[2]}), {@code --strategy NAME} (default {@code recursive}), {@code --chunk PATH}
     *     (default {@code bin/chunk}; {@code none} skips the command), {@code --runs N} (Spark jobs per master, in
     *     the same session; the fastest is reported next to the first, which pays for compiling; default 2)
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        Path input = Path.of("chunking-spark/target/spark-bench/input");
        long mb = 1000;
        String masters = "local[2]";
        String strategy = "recursive";
        String chunk = "bin/chunk";
        int runs = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--input" -> input = Path.of(args[i + 1]);
                case "--mb" -> mb = Long.parseLong(args[i + 1]);
                case "--masters" -> masters = args[i + 1];
                case "--strategy" -> strategy = args[i + 1];
                case "--chunk" -> chunk = args[i + 1];
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see bin/spark-bench --help");
            }
        }
        List<Path> files = files(input, mb);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        System.err.printf(Locale.ROOT, "spark-bench: %d files, %.1f MB in %s%n", files.size(), bytes / 1e6, input);
        List<String> rows = new ArrayList<>();
        double cli = Double.NaN;
        if (!"none".equals(chunk)) {
            cli = command(chunk, strategy, files);
            rows.add(String.format(Locale.ROOT, "| `bin/chunk --strategy %s --format stats` (one process) | – | %.2f | %.2f | %.1f | 1.00 |",
                    strategy, cli, cli, bytes / 1e6 / cli));
        }
        for (String master : masters.split(",")) {
            long start = System.nanoTime();
            SparkSession spark = TestSpark.builder(master).appName("spark-bench").getOrCreate();
            double startup = (System.nanoTime() - start) / 1e9;
            try {
                double first = spark(spark, strategy, files);
                double best = first;
                for (int run = 1; run < runs; run++) {
                    best = Math.min(best, spark(spark, strategy, files));
                }
                rows.add(String.format(Locale.ROOT, "| Spark `%s`, `SparkChunking` path column, `noop` writer | %.2f | %.2f | %.2f | %.1f | %s |",
                        master, startup, first, best, bytes / 1e6 / best,
                        Double.isNaN(cli) ? "–" : String.format(Locale.ROOT, "%.2f", cli / best)));
            } finally {
                spark.stop();
            }
        }
        System.out.printf(Locale.ROOT, "%n%.1f MB in %d files, strategy %s, default options%n%n", bytes / 1e6, files.size(), strategy);
        System.out.println("| run | start-up s | first run s | best run s | MB/s (best) | speed vs bin/chunk |");
        System.out.println("|---|--:|--:|--:|--:|--:|");
        rows.forEach(System.out::println);
    }

    /** The regular files of the folder, sorted; generated first (10 MB each, {@code mb} in all) when there are none. */
    private static List<Path> files(Path input, long mb) throws IOException {
        Files.createDirectories(input);
        List<Path> files = list(input);
        if (files.isEmpty()) {
            System.err.printf(Locale.ROOT, "spark-bench: generating %d MB of multilingual text into %s%n", mb, input);
            for (long i = 0; i * 10 < mb; i++) {
                GeneratedText.write(input.resolve(String.format(Locale.ROOT, "generated-%04d.txt", i)), Math.min(10, mb - i * 10) * 1_000_000L, i);
            }
            files = list(input);
        }
        return files;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Seconds of the whole command, from start to exit. */
    private static double command(String chunk, String strategy, List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chunk, "--strategy", strategy, "--format", "stats", "--no-progress"));
        files.forEach(f -> command.add(f.toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stats;
        try (InputStream out = process.getInputStream()) {
            stats = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        int status = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new IllegalStateException(chunk + " exited with status " + status);
        }
        String[] lines = stats.strip().split("\n");
        System.err.println("spark-bench: bin/chunk: " + lines[lines.length - 1]);
        return seconds;
    }

    /** Seconds of one Spark job that makes every chunk row of every file. */
    private static double spark(SparkSession spark, String strategy, List<Path> files) {
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            rows.add(RowFactory.create(file.getFileName().toString(), file.toAbsolutePath().toString()));
        }
        int partitions = Math.max(1, Math.min(files.size(), 2 * spark.sparkContext().defaultParallelism()));
        StructType schema = new StructType().add("id", DataTypes.StringType).add("path", DataTypes.StringType);
        Dataset<Row> documents = spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema);
        long start = System.nanoTime();
        SparkChunking.of(ChunkingSpec.defaults(strategy)).columns(DocumentColumns.paths("id", "path")).chunk(documents)
                .write().format("noop").mode(SaveMode.Overwrite).save();
        return (System.nanoTime() - start) / 1e9;
    }
}
