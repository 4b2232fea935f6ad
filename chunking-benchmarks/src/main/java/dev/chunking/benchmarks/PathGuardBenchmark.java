package dev.chunking.benchmarks;

import dev.chunking.streaming.guard.PathGuard;
import dev.chunking.streaming.guard.PathRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long one {@link PathGuard} check takes on a warm JVM, in microseconds: an ordinary path
 * three directories deep, the same through a symbolic link that stays inside, attacks refused
 * from their text alone (a traversal, a percent-encoded one, a full-width look-alike), and a
 * link that escapes, refused after asking the file system. {@code resolveBaseline} is the JDK's
 * own {@code toRealPath} of the same file, which checks nothing.
 *
 * <p>Run: {@code java -cp chunking-benchmarks/target/benchmarks.jar org.openjdk.jmh.Main PathGuardBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PathGuardBenchmark {
    private Path root;
    private PathGuard guard;
    private Path file;

    /** Creates the benchmark; JMH calls it. */
    public PathGuardBenchmark() {
    }

    /**
     * Makes a base with a file three directories deep, a link to it, and a link out.
     *
     * @throws IOException if the temporary directory cannot be made
     */
    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("path-guard-bench");
        Path base = Files.createDirectories(root.resolve("base/reports/2026/q3"));
        file = Files.writeString(base.resolve("summary.md"), "# Q3\n");
        Files.createSymbolicLink(root.resolve("base/latest.md"), Path.of("reports/2026/q3/summary.md"));
        Files.createSymbolicLink(root.resolve("base/out.md"), Path.of("/etc/passwd"));
        guard = PathGuard.of(root.resolve("base"));
    }

    /**
     * Removes the temporary tree.
     *
     * @throws IOException if listing it fails
     */
    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * An ordinary path, accepted.
     *
     * @return the real path
     */
    @Benchmark
    public Path acceptOrdinary() {
        return guard.resolve("reports/2026/q3/summary.md");
    }

    /**
     * A link that stays inside, followed and accepted.
     *
     * @return the real path
     */
    @Benchmark
    public Path acceptThroughLink() {
        return guard.resolve("latest.md");
    }

    /**
     * A plain traversal, refused from the text.
     *
     * @return the rule
     */
    @Benchmark
    public Object refuseTraversal() {
        return refused("reports/../../../etc/passwd");
    }

    /**
     * A doubly percent-encoded traversal, refused after decoding.
     *
     * @return the rule
     */
    @Benchmark
    public Object refuseEncoded() {
        return refused("reports/%252e%252e/%252e%252e/etc/passwd");
    }

    /**
     * Full-width dots and slash, refused after NFKC.
     *
     * @return the rule
     */
    @Benchmark
    public Object refuseLookalike() {
        return refused("\uff0e\uff0e\uff0fetc\uff0fpasswd");
    }

    /**
     * A link out of the base, refused after reading it.
     *
     * @return the rule
     */
    @Benchmark
    public Object refuseEscapingLink() {
        return refused("out.md");
    }

    /**
     * The baseline: the JDK resolving the same file's real path, with no check at all.
     *
     * @return the real path
     * @throws IOException never here
     */
    @Benchmark
    public Path resolveBaseline() throws IOException {
        return file.toRealPath();
    }

    private Object refused(String path) {
        try {
            return guard.resolve(path);
        } catch (PathRefusedException e) {
            return e.rule();
        }
    }
}
