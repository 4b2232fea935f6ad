package dev.chunking.streaming.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a swap between the check of a path and its opening does: nothing outside the base is read. */
class PathGuardRaceTest {
    @TempDir
    Path root;
    Path base;
    Path secret;

    @BeforeEach
    void makeABaseAndASecretOutsideIt() throws IOException {
        base = Files.createDirectories(root.resolve("base"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.createDirectories(base.resolve("docs"));
        Files.writeString(base.resolve("docs/report.md"), "public");
    }

    private static void swap(Path target, Path replacement) {
        try {
            Files.move(replacement, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void refusesAFileSwappedForALinkBetweenCheckAndOpen() {
        PathGuard guard = PathGuard.withHook(base, PathGuardOptions.defaults(), () -> {
            try {
                swap(base.resolve("docs/report.md"), Files.createSymbolicLink(base.resolve("docs/tmp-link"), secret));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> guard.open("docs/report.md")).isInstanceOfSatisfying(PathRefusedException.class,
                e -> assertThat(e.rule()).isEqualTo(PathRule.CHANGED_DURING_CHECK));
    }

    @Test
    void refusesADirectorySwappedForALinkBetweenCheckAndOpen() {
        PathGuard guard = PathGuard.withHook(base, PathGuardOptions.defaults(), () -> {
            try {
                Files.move(base.resolve("docs"), base.resolve("docs-old"));
                Files.createSymbolicLink(base.resolve("docs"), secret.getParent());
                Files.writeString(secret.getParent().resolve("report.md"), "SECRET");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> guard.open("docs/report.md")).isInstanceOfSatisfying(PathRefusedException.class,
                e -> assertThat(e.rule()).isEqualTo(PathRule.CHANGED_DURING_CHECK));
    }

    @Test
    void refusesAFileReplacedByAnotherBetweenCheckAndOpen() {
        PathGuard guard = PathGuard.withHook(base, PathGuardOptions.defaults(), () -> {
            try {
                swap(base.resolve("docs/report.md"), Files.writeString(base.resolve("docs/other.md"), "other"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> guard.open("docs/report.md")).isInstanceOfSatisfying(PathRefusedException.class,
                e -> assertThat(e.rule()).isEqualTo(PathRule.CHANGED_DURING_CHECK));
    }

    @Test
    void neverReadsTheSecretWhileAnotherThreadKeepsSwappingTheFileAndALink() throws Exception {
        Path target = base.resolve("docs/report.md");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                try {
                    Path next = i % 2 == 0 ? Files.createSymbolicLink(base.resolve("docs/l" + i), secret)
                            : Files.writeString(base.resolve("docs/f" + i), "public");
                    swap(target, next);
                } catch (IOException | UncheckedIOException e) {
                    // a name left over from a failed move: go on with the next
                }
                i++;
            }
        }, "swapper");
        PathGuard guard = PathGuard.of(base);
        Map<PathRule, Integer> refusals = new EnumMap<>(PathRule.class);
        int opened = 0;
        swapper.start();
        try {
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until) {
                try (SeekableByteChannel channel = guard.open("docs/report.md")) {
                    ByteBuffer buffer = ByteBuffer.allocate(64);
                    channel.read(buffer);
                    assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("public");
                    opened++;
                } catch (PathRefusedException e) {
                    refusals.merge(e.rule(), 1, Integer::sum);
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertThat(opened).as("opened the real file at times").isPositive();
        assertThat(refusals.keySet()).as("refused the link at times").containsAnyOf(PathRule.SYMLINK_ESCAPE, PathRule.CHANGED_DURING_CHECK);
        assertThat(refusals.keySet()).isSubsetOf(PathRule.SYMLINK_ESCAPE, PathRule.CHANGED_DURING_CHECK, PathRule.NOT_FOUND);
    }
}
