package dev.chunking.streaming.guard;

import static dev.chunking.streaming.guard.PathRule.ABSOLUTE;
import static dev.chunking.streaming.guard.PathRule.BACKSLASH;
import static dev.chunking.streaming.guard.PathRule.CONTROL_CHARACTER;
import static dev.chunking.streaming.guard.PathRule.DOT_SEGMENT;
import static dev.chunking.streaming.guard.PathRule.DRIVE_OR_UNC;
import static dev.chunking.streaming.guard.PathRule.EMPTY;
import static dev.chunking.streaming.guard.PathRule.ENCODED_TRAVERSAL;
import static dev.chunking.streaming.guard.PathRule.HOME;
import static dev.chunking.streaming.guard.PathRule.INVISIBLE_CHARACTER;
import static dev.chunking.streaming.guard.PathRule.LOOKALIKE;
import static dev.chunking.streaming.guard.PathRule.MALFORMED;
import static dev.chunking.streaming.guard.PathRule.OVERLONG_ENCODING;
import static dev.chunking.streaming.guard.PathRule.PARENT_SEGMENT;
import static dev.chunking.streaming.guard.PathRule.TOO_LONG;
import static dev.chunking.streaming.guard.PathRule.URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack table: user-supplied paths that must be refused, each by the rule expected, and
 * ordinary names that must pass. A file {@code secret.txt} sits next to the base, and
 * {@code /etc/passwd} exists, so a traversal that slipped through would find something.
 */
class PathGuardAttackTableTest {
    @TempDir
    static Path root;
    static Path base;
    static PathGuard guard;

    @BeforeAll
    static void makeTheBaseWithASecretBesideIt() throws IOException {
        base = Files.createDirectories(root.resolve("base"));
        Files.writeString(root.resolve("secret.txt"), "SECRET");
        Files.createDirectories(base.resolve("a/b"));
        Files.writeString(base.resolve("a/b/inner.md"), "inner");
        for (String name : LEGITIMATE) {
            Path file = base.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "ok");
        }
        guard = PathGuard.of(base);
    }

    static final List<String> LEGITIMATE = List.of(
            "a..b.txt", "v1.2/notes.md", "my notes.md", "[draft] (v2) {x}.md", "user@example.com.md", "文档/说明.md",
            "Ünïcödé.txt", "emoji 🎉.md", ".hidden.md", "a.b.c.d", "100%.txt", "%zz.md", "-rf.md", "a~b.md", "ab:c.md",
            "x/y/z/deep.md", "..a.md", "a..", "...a", "it's 'quoted'.md", "ελληνικά.txt", "Привет.md", "한국어.md",
            "x..y/..z.md", "Wait….md", "notes…/x.md", "㏂ meeting.md", "⒈intro.md", "%c0ffee.md", "50%c1.md",
            "semi;colon.md", "hash#tag.md", "plus+equals=.md", "comma,and&amp.md", "tab-free.md",
            "dollar$var.md", "caret^.md", "back`tick`.md", "excl!.md", "dé/composé.md", "日本語 ファイル.txt",
            "a%20b.md", "reports/q3.md");

    static Stream<Arguments> attacks() {
        List<Arguments> rows = new ArrayList<>();
        add(rows, PARENT_SEGMENT, "..", "../", "../secret.txt", "a/../../secret.txt", "a/b/../../../secret.txt", "a/..",
                "./../secret.txt", "a/./../..", "../../../../../../../../etc/passwd", "..//..//etc/passwd", "a/../a/b/inner.md",
                "../base/a/b/inner.md", "a/b/inner.md/..", "../../../../../../../../../../../../../../../../etc/shadow");
        add(rows, DOT_SEGMENT, "...", "..../etc/passwd", ".. /secret.txt", ". ./x", "a/ ../b", "....//....//etc/passwd",
                "a/.../b", "..  ", " ..", "...../x");
        add(rows, ABSOLUTE, "/etc/passwd", "/", "//etc/passwd", "///etc/passwd", "/proc/self/environ", "/dev/zero",
                "//server/share/x", "/./etc/passwd");
        add(rows, HOME, "~", "~/", "~/.ssh/id_rsa", "~root/.bashrc", "~user", "~+/x", "~-");
        add(rows, DRIVE_OR_UNC, "C:", "C:\\Windows\\win.ini", "c:/windows/win.ini", "D:relative.txt", "\\\\server\\share\\x",
                "\\\\?\\C:\\x", "\\\\.\\pipe\\x", "Z:..\\x", "\\\\localhost\\c$\\x");
        add(rows, BACKSLASH, "..\\..\\etc\\passwd", "a\\b.md", "docs\\..\\secret", "\\etc\\passwd", "..\\", ".\\x", "a/b\\..\\..\\..\\x");
        add(rows, URI, "file:///etc/passwd", "file://localhost/etc/passwd", "http://evil.example/x", "smb://server/share",
                "FILE:///etc/passwd", "jar+file://x");
        add(rows, CONTROL_CHARACTER, "a\u0000b", "x.md\u0000.txt", "\u0000", "a\nb", "a\rb", "notes.md\r\n", "a\tb",
                "\u001b[31m.md", "a\u007fb", "a\u0085b", "a\u2028b", "a\u0001", "\u009b.md");
        add(rows, INVISIBLE_CHARACTER, "\u202etxt.md", "a\u202db", "\ufeff../secret.txt", "a\u200bb", "zero\u200djoiner.md",
                "\u2066x\u2069", "soft\u00adhyphen.md", "a\u061cb", "a\u200eb", "\udb40\udc01tag.md", "a\u2060b",
                "\u3164.md", "a\u115fb.md", "a\udb40\udc41\udb40\udc42.md");
        add(rows, MALFORMED, "a\ud800b", "\udc00", "x\ud83d", "a" + "\u0301".repeat(31) + ".md",
                "a" + "\u0301".repeat(2048) + "\u0316".repeat(2047));
        add(rows, LOOKALIKE, "\uff0e\uff0e/secret.txt", "\uff0e\uff0e\uff0fetc\uff0fpasswd", "..\uff0fsecret.txt",
                "\u2024\u2024/secret.txt", "\u2025/secret.txt", "\u2026/x", "\ufe52\ufe52/x", "a\u2215b", "..\u2215secret.txt",
                "a\u2044b", "a\u29f8b", "\uff3cetc", "a\ufe68b", "\uff5e/x", "\uff23\uff1a/x", "a\u2216b", "\uff0e\uff0e");
        add(rows, ENCODED_TRAVERSAL, "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "%2E%2E%2F", "..%2fsecret.txt",
                "%2e%2e%5csecret.txt", "%252e%252e%252fsecret.txt", "%25252e%25252e%25252fsecret.txt", "%2e%2E/%2E%2e/x",
                "%2fetc%2fpasswd", "%7e/x", "%00", "x.md%00.txt", "%0a", "%0d%0a", "%u002e%u002e/x", "%U002E%U002E%U002F",
                "%u2215", "%e2%80%ae", "%ef%bc%8e%ef%bc%8e/x", "%5c%5cserver", "file%3a%2f%2f%2fetc%2fpasswd", "%2e./x",
                ".%2e/x", "a/%2e%2e/%2e%2e/secret.txt", "%252fetc", "%25%32%65%25%32%65%25%32%66", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "%ff/%2e%2e/x.md", "%c0/%2e%2e/x.md");
        add(rows, OVERLONG_ENCODING, "%c0%ae%c0%ae/x", "%c0%af", "%c1%9c", "%e0%80%ae", "%f0%80%80%ae",
                "..%c0%af..%c0%afetc", "%c0%80", "%25c0%25ae", "%C0%AE%C0%AE%C0%AF", "%f8%80%80%80%ae", "%fc%80%80%80%80%af");
        rows.add(Arguments.of(describe(EMPTY, ""), "", EMPTY));
        rows.add(Arguments.of(describe(TOO_LONG, "a x 5000"), "a".repeat(5000), TOO_LONG));
        return rows.stream();
    }

    private static void add(List<Arguments> rows, PathRule rule, String... attacks) {
        for (String attack : attacks) {
            rows.add(Arguments.of(describe(rule, PathRefusedException.shown(attack)), attack, rule));
        }
    }

    private static String describe(PathRule rule, String shown) {
        return rule + " <- " + shown;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesTheAttackByItsRule(String name, String attack, PathRule rule) {
        assertThatThrownBy(() -> guard.resolve(attack))
                .isInstanceOfSatisfying(PathRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.getMessage()).contains(rule.name()).contains(rule.description())
                            .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u202e")
                            .doesNotContain(root.toString());
                });
    }

    @Test
    void theTableHoldsAtLeastAHundredDistinctAttacksOverEveryTextRule() {
        List<Arguments> rows = attacks().toList();
        Set<Object> distinct = new HashSet<>();
        Set<Object> rules = new HashSet<>();
        for (Arguments row : rows) {
            distinct.add(row.get()[1]);
            rules.add(row.get()[2]);
        }
        assertThat(distinct).hasSizeGreaterThanOrEqualTo(100);
        assertThat(rules).contains(PARENT_SEGMENT, DOT_SEGMENT, ABSOLUTE, HOME, DRIVE_OR_UNC, BACKSLASH, URI, CONTROL_CHARACTER,
                INVISIBLE_CHARACTER, MALFORMED, LOOKALIKE, ENCODED_TRAVERSAL, OVERLONG_ENCODING, EMPTY, TOO_LONG);
    }

    static Stream<String> legitimate() {
        return LEGITIMATE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legitimate")
    void acceptsOrdinaryNamesAndOpensThem(String name) throws IOException {
        assertThat(guard.resolve(name)).isEqualTo(base.toRealPath().resolve(name).normalize());
        try (var channel = guard.open(name)) {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            channel.read(buffer);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @Test
    void acceptsDotSegmentsAndDoubledSlashesThatStayInside() {
        Path inner = base.resolve("a/b/inner.md");
        assertThat(guard.resolve("./a/b/inner.md")).endsWith(base.relativize(inner));
        assertThat(guard.resolve("a//b///inner.md")).endsWith(base.relativize(inner));
        assertThat(guard.resolve("a/./b/./inner.md")).endsWith(base.relativize(inner));
    }

    @Test
    void takesAFourthLayerOfPercentEncodingLiterallyAsTheFileSystemDoes() {
        // three layers are decoded and checked; what is left is a plain name, which names no file here
        assertThatThrownBy(() -> guard.resolve("%2525252e%2525252e%2525252fsecret.txt"))
                .isInstanceOfSatisfying(PathRefusedException.class, e -> assertThat(e.rule()).isEqualTo(PathRule.NOT_FOUND));
    }

    @Test
    void escapesInvisibleCodePointsAboveTheBmpAndNeverCutsAPair() {
        assertThat(PathRefusedException.shown("a\udb40\udc41\udb40\udc42.md")).isEqualTo("a\\u{e0041}\\u{e0042}.md");
        assertThat(PathRefusedException.shown("x".repeat(119) + "\ud83d\ude00tail")).isEqualTo("x".repeat(119) + "\ud83d\ude00...");
        assertThat(PathRefusedException.shown("\u3164\ufe0f\ud800")).isEqualTo("\\u3164\\ufe0f\\ud800");
    }

    @Test
    void escapesWhatItShowsAndCutsLongArguments() {
        PathRefusedException e = new PathRefusedException("a\u202e\u0000'b" + "x".repeat(500), CONTROL_CHARACTER, "hint");
        assertThat(e.argument()).startsWith("a\\u202e\\u0000\\u0027b").endsWith("...")
                .hasSizeLessThanOrEqualTo(PathRefusedException.SHOWN_CHARS + 3 + 6);
        assertThat(e.getMessage()).isEqualTo("path '" + e.argument() + "' refused (CONTROL_CHARACTER: "
                + CONTROL_CHARACTER.description() + "); hint");
    }
}
