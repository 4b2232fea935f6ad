package dev.chunking.streaming.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Paths put together from the pieces attacks are made of, and from ordinary ones, against a base
 * that holds files, links that stay inside and links that leave: whatever the path, the guard
 * refuses it or returns a file inside the base, and nothing read ever comes from outside.
 */
class PathGuardPropertiesTest {
    private static Path root;
    private static Path base;
    private static PathGuard guard;

    @BeforeContainer
    static void makeABaseWithLinksInAndOut() throws IOException {
        root = Files.createTempDirectory("path-guard-properties");
        base = Files.createDirectories(root.resolve("base"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.writeString(root.resolve("secret.txt"), "SECRET");
        Files.createDirectories(base.resolve("a/b"));
        Files.writeString(base.resolve("a/b/c.md"), "inside");
        Files.writeString(base.resolve("a/x.md"), "inside");
        Files.writeString(base.resolve("secret.txt"), "inside");
        Files.createSymbolicLink(base.resolve("a/in"), Path.of("b"));
        Files.createSymbolicLink(base.resolve("a/out"), Path.of("../../outside"));
        Files.createSymbolicLink(base.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(base.resolve("abs"), outside);
        guard = PathGuard.of(base);
    }

    @AfterContainer
    static void removeTheTree() throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> name = Arbitraries.of("a", "b", "c.md", "x.md", "in", "out", "up", "abs", "secret.txt", "outside", "base",
                "..", ".", "");
        Arbitrary<String> trick = Arbitraries.of("%2e%2e", "%2e", "%2f", "%25", "%5c", "%c0%ae", "%u002e", "\uff0e\uff0e", "\uff0f",
                "\u2215", "~", "C:", "\u0000", "\u202e", "\ufeff", " ", "...", "%2e%2e%2f", "%252e%252e", "file://", "文档", "é",
                "\\", "..\\", "\u2025");
        Arbitrary<String> segment = Arbitraries.frequencyOf(Tuple.of(8, name), Tuple.of(2, trick),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
        return segment.list().ofMinSize(1).ofMaxSize(6).map(segments -> String.join("/", segments));
    }

    @Property(tries = 2000)
    @StatisticsReport(onFailureOnly = true)
    void refusesOrReturnsAFileInsideTheBaseAndNeverReadsOutside(@ForAll("paths") String path) throws IOException {
        Path resolved;
        try {
            resolved = guard.resolve(path);
            Statistics.collect("resolved");
        } catch (PathRefusedException e) {
            Statistics.collect(e.rule().name());
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0000").doesNotContain(root.toString());
            return;
        }
        assertThat(resolved).startsWith(base.toRealPath());
        assertThat(Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (SeekableByteChannel channel = guard.open(path)) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("inside");
        }
    }

    @Property(tries = 2000)
    void generatesPathsThatResolveAndPathsThatEscapeThroughLinks(@ForAll("paths") String path) {
        String outcome;
        try {
            guard.resolve(path);
            outcome = "resolved";
        } catch (PathRefusedException e) {
            outcome = e.rule().name();
        }
        Statistics.collect(outcome);
        Statistics.coverage(checker -> {
            checker.check("resolved").count(c -> c > 0);
            checker.check("SYMLINK_ESCAPE").count(c -> c > 0);
            checker.check("PARENT_SEGMENT").count(c -> c > 0);
            checker.check("ENCODED_TRAVERSAL").count(c -> c > 0);
        });
    }

    @Property(tries = 200)
    void resolvesEveryPathThroughLinksThatStayInside(@ForAll("insidePaths") String path) {
        assertThat(guard.resolve(path)).startsWith(base.resolve("a"));
    }

    @Provide
    Arbitrary<String> insidePaths() {
        return Arbitraries.of(List.of("a/b/c.md", "a/in/c.md", "a/./in/./c.md", "a//in//c.md", "./a/x.md"));
    }
}
