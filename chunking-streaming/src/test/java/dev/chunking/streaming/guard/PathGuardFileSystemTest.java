package dev.chunking.streaming.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.DocumentSource;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links built in a temporary directory, special files, and the guard's limits. */
class PathGuardFileSystemTest {
    @TempDir
    Path root;
    Path base;
    Path outside;

    @BeforeEach
    void makeABaseAndASecretOutsideIt() throws IOException {
        base = Files.createDirectories(root.resolve("base"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.createDirectories(base.resolve("docs/sub"));
        Files.writeString(base.resolve("docs/readme.md"), "readme");
        Files.writeString(base.resolve("docs/sub/deep.md"), "deep");
    }

    private PathRule ruleOf(PathGuard guard, String path) {
        try {
            guard.resolve(path);
        } catch (PathRefusedException e) {
            String prefix = "path '" + PathRefusedException.shown(path) + "' refused (";
            assertThat(e.getMessage()).startsWith(prefix);
            // beyond the argument itself, nothing names where a link points
            assertThat(e.getMessage().substring(prefix.length())).doesNotContain(outside.toString()).doesNotContain("/outside").doesNotContain("outside/")
                    .doesNotContain("secret").doesNotContain("passwd").doesNotContain(root.toString());
            return e.rule();
        }
        return null;
    }

    @Test
    void refusesLinksWhoseTargetLeavesTheBase() throws IOException {
        Files.createSymbolicLink(base.resolve("abs.md"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(base.resolve("rel.md"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(base.resolve("docs/up.md"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(base.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(base.resolve("outdir"), outside);
        Files.createSymbolicLink(base.resolve("root"), Path.of("/"));
        Files.createSymbolicLink(base.resolve("self"), Path.of("."));
        Files.createSymbolicLink(base.resolve("parent"), Path.of(".."));
        PathGuard guard = PathGuard.of(base);
        for (String path : List.of("abs.md", "rel.md", "docs/up.md", "passwd", "outdir/secret.txt", "root/etc/passwd",
                "self/parent/outside/secret.txt", "parent/outside/secret.txt")) {
            assertThat(ruleOf(guard, path)).as(path).isEqualTo(PathRule.SYMLINK_ESCAPE);
        }
    }

    @Test
    void refusesLinksInsideLinksThatLeaveTheBaseEvenOnTheWayBackIn() throws IOException {
        Files.createSymbolicLink(base.resolve("hop1"), Path.of("hop2"));
        Files.createSymbolicLink(base.resolve("hop2"), Path.of("docs/hop3"));
        Files.createSymbolicLink(base.resolve("docs/hop3"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(base.resolve("roundtrip.md"), Path.of("../base/docs/readme.md"));
        Files.createSymbolicLink(base.resolve("dirhop"), Path.of("docs/sub"));
        Files.createSymbolicLink(base.resolve("docs/sub/escape"), Path.of("../../../outside"));
        PathGuard guard = PathGuard.of(base);
        assertThat(ruleOf(guard, "hop1")).isEqualTo(PathRule.SYMLINK_ESCAPE);
        assertThat(ruleOf(guard, "roundtrip.md")).isEqualTo(PathRule.SYMLINK_ESCAPE);
        assertThat(ruleOf(guard, "dirhop/escape/secret.txt")).isEqualTo(PathRule.SYMLINK_ESCAPE);
    }

    @Test
    void followsLinksThatStayInsideTheBase() throws IOException {
        Files.createSymbolicLink(base.resolve("latest.md"), Path.of("docs/readme.md"));
        Files.createSymbolicLink(base.resolve("docs/sub/up.md"), Path.of("../readme.md"));
        Files.createSymbolicLink(base.resolve("alias"), Path.of("docs"));
        Files.createSymbolicLink(base.resolve("chain"), Path.of("alias/sub"));
        Files.createSymbolicLink(base.resolve("absolute-in.md"), base.toRealPath().resolve("docs/sub/deep.md"));
        PathGuard guard = PathGuard.of(base);
        Path real = base.toRealPath();
        assertThat(guard.resolve("latest.md")).isEqualTo(real.resolve("docs/readme.md"));
        assertThat(guard.resolve("docs/sub/up.md")).isEqualTo(real.resolve("docs/readme.md"));
        assertThat(guard.resolve("alias/sub/deep.md")).isEqualTo(real.resolve("docs/sub/deep.md"));
        assertThat(guard.resolve("chain/deep.md")).isEqualTo(real.resolve("docs/sub/deep.md"));
        assertThat(guard.resolve("absolute-in.md")).isEqualTo(real.resolve("docs/sub/deep.md"));
        assertThat(read(guard.source("chain/deep.md"))).isEqualTo("deep");
    }

    @Test
    void walksAbsoluteLinkTargetsAsTheSystemWouldInsteadOfNormalisingThem() throws IOException {
        Path real = base.toRealPath();
        Files.writeString(root.resolve("f.md"), "OUTSIDE");
        Files.writeString(base.resolve("f.md"), "inside");
        Files.createSymbolicLink(base.resolve("out"), Path.of("../outside"));
        // the system reads <root>/f.md through out/..; a lexical normalisation would read <base>/f.md instead
        Files.createSymbolicLink(base.resolve("lex.md"), real.resolve("out/../f.md"));
        Files.createSymbolicLink(base.resolve("abs.md"), Path.of(real + "/../base/f.md"));
        PathGuard guard = PathGuard.of(base);
        assertThat(ruleOf(guard, "lex.md")).isEqualTo(PathRule.SYMLINK_ESCAPE);
        assertThat(ruleOf(guard, "abs.md")).isEqualTo(PathRule.SYMLINK_ESCAPE);
    }

    @Test
    void boundsTheStepsALinkCanMakeItWalk() throws IOException {
        Files.createDirectories(base.resolve("e"));
        Files.writeString(base.resolve("f.md"), "inside");
        Files.createSymbolicLink(base.resolve("y"), Path.of("e/../".repeat(800) + "."));
        PathGuard guard = PathGuard.of(base);
        assertThat(guard.resolve("y/f.md")).isEqualTo(base.toRealPath().resolve("f.md"));
        assertThatThrownBy(() -> guard.resolve("y/".repeat(39) + "f.md")).isInstanceOfSatisfying(PathRefusedException.class,
                e -> assertThat(e.rule()).isEqualTo(PathRule.LINK_LOOP)).hasMessageContaining("more than 4096 steps to walk");
    }

    @Test
    void acceptsABaseReachedThroughALink() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("base-link"), base);
        assertThat(PathGuard.of(link).resolve("docs/readme.md")).isEqualTo(base.toRealPath().resolve("docs/readme.md"));
    }

    @Test
    void refusesLoopsOfLinks() throws IOException {
        Files.createSymbolicLink(base.resolve("loop-a"), Path.of("loop-b"));
        Files.createSymbolicLink(base.resolve("loop-b"), Path.of("loop-a"));
        Files.createSymbolicLink(base.resolve("me"), Path.of("me"));
        PathGuard guard = PathGuard.of(base);
        assertThat(ruleOf(guard, "loop-a")).isEqualTo(PathRule.LINK_LOOP);
        assertThat(ruleOf(guard, "me")).isEqualTo(PathRule.LINK_LOOP);
        assertThat(ruleOf(PathGuard.of(base, PathGuardOptions.builder().maxLinkHops(0).build()), "loop-a")).isEqualTo(PathRule.LINK_LOOP);
    }

    @Test
    void refusesDirectoriesMissingFilesAndFilesUsedAsDirectories() {
        PathGuard guard = PathGuard.of(base);
        assertThat(ruleOf(guard, "docs")).isEqualTo(PathRule.NOT_A_FILE);
        assertThat(ruleOf(guard, ".")).isEqualTo(PathRule.NOT_A_FILE);
        assertThat(ruleOf(guard, "nope.md")).isEqualTo(PathRule.NOT_FOUND);
        assertThat(ruleOf(guard, "docs/readme.md/x")).isEqualTo(PathRule.NOT_FOUND);
    }

    @Test
    void refusesFifosAndSocketsUnlessAllowed() throws Exception {
        Path fifo = base.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Path socket = base.resolve("sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            PathGuard guard = PathGuard.of(base);
            assertThat(ruleOf(guard, "pipe")).isEqualTo(PathRule.SPECIAL_FILE);
            assertThat(ruleOf(guard, "sock")).isEqualTo(PathRule.SPECIAL_FILE);
            PathGuard lenient = PathGuard.of(base, PathGuardOptions.builder().allowSpecialFiles(true).build());
            assertThat(lenient.resolve("pipe")).isEqualTo(base.toRealPath().resolve("pipe"));
        }
    }

    @Test
    void refusesLinksToDevicesAsEscapes() throws IOException {
        Files.createSymbolicLink(base.resolve("zero"), Path.of("/dev/zero"));
        assertThat(ruleOf(PathGuard.of(base, PathGuardOptions.builder().allowSpecialFiles(true).build()), "zero"))
                .isEqualTo(PathRule.SYMLINK_ESCAPE);
    }

    @Test
    void enforcesTheConfiguredLimits() throws IOException {
        Files.writeString(base.resolve("big.txt"), "0123456789");
        Files.writeString(base.resolve("NOTES.MD"), "upper");
        Files.writeString(base.resolve("noext"), "none");
        PathGuard guard = PathGuard.of(base, PathGuardOptions.builder().maxFileBytes(9).maxPathLength(20).maxPaths(2)
                .allowedExtensions("md", "txt").build());
        assertThat(ruleOf(guard, "big.txt")).isEqualTo(PathRule.FILE_TOO_LARGE);
        assertThatThrownBy(() -> guard.resolve("big.txt")).hasMessageContaining("it has 10 bytes, more than the limit of 9 (maxFileBytes)");
        assertThat(ruleOf(guard, "docs/sub/deep/deeper.md")).isEqualTo(PathRule.TOO_LONG);
        assertThatThrownBy(() -> guard.resolve("a".repeat(21))).hasMessageContaining("21 chars, more than the limit of 20 (maxPathLength)");
        assertThat(ruleOf(guard, "noext")).isEqualTo(PathRule.EXTENSION);
        assertThat(guard.resolve("NOTES.MD")).isEqualTo(base.toRealPath().resolve("NOTES.MD"));
        assertThatThrownBy(() -> guard.resolveAll(List.of("docs/readme.md", "NOTES.MD", "docs/sub/deep.md")))
                .isInstanceOfSatisfying(PathRefusedException.class, e -> assertThat(e.rule()).isEqualTo(PathRule.TOO_MANY_PATHS))
                .hasMessageContaining("3 paths is more than the limit of 2 (maxPaths)");
        assertThat(guard.resolveAll(List.of("docs/readme.md", "NOTES.MD"))).hasSize(2);
    }

    @Test
    void refusesBadOptionsAndBasesWithMessagesThatSayWhatToSet() throws IOException {
        assertThatThrownBy(() -> PathGuardOptions.builder().maxPathLength(0).build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("path guard: maxPathLength 0 is outside 1..32768; set maxPathLength within that range (default 4096)");
        assertThatThrownBy(() -> PathGuardOptions.builder().allowedExtensions(".md").build())
                .hasMessageContaining("allowed extension '.md' is not a lower-case extension without a dot");
        assertThatThrownBy(() -> PathGuardOptions.builder().maxLinkHops(256).build()).hasMessageContaining("maxLinkHops 256 is outside 0..255");
        assertThatThrownBy(() -> PathGuard.of(base.resolve("docs/readme.md"))).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> PathGuard.of(root.resolve("missing"))).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("cannot be read (NoSuchFileException); give an existing directory");
    }

    @Test
    void aGuardedSourceReadsFromAnOffsetAndFingerprintsTheFile() throws IOException {
        DocumentSource source = PathGuard.of(base).source("docs/readme.md");
        assertThat(source.name()).isEqualTo("docs/readme.md");
        assertThat(source.size()).hasValue(6);
        try (ReadableByteChannel channel = source.open(2)) {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            channel.read(buffer);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("adme");
        }
        assertThat(source.fingerprint()).hasValueSatisfying(f -> assertThat(f.size()).isEqualTo(6));
        var inMemory = DocumentSource.ofBytes("x", "readme".getBytes(StandardCharsets.UTF_8)).fingerprint().orElseThrow();
        var guarded = source.fingerprint().orElseThrow();
        assertThat(guarded.headSha256()).isEqualTo(inMemory.headSha256());
        assertThat(guarded.tailSha256()).isEqualTo(inMemory.tailSha256());
        assertThat(guarded.modifiedMillis()).isEqualTo(Files.getLastModifiedTime(base.resolve("docs/readme.md")).toMillis());
    }

    static String read(DocumentSource source) throws IOException {
        try (ReadableByteChannel channel = source.open(0)) {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (channel.read(buffer) >= 0 && buffer.hasRemaining()) {
                // read it all
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }
}
