package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code chunk --base DIR PATH...}: every PATH goes through the path guard; refused ones are reported, the rest chunked. */
class BaseOptionTest extends CommandTestSupport {
    Path base;

    private int run(String... args) {
        return new Main(new ByteArrayInputStream("from stdin".getBytes()), out, stderr(), () -> 0L, false).run(args);
    }

    @BeforeEach
    void makeABaseWithASecretBesideIt() throws IOException {
        base = Files.createDirectories(dir.resolve("base"));
        Files.createDirectories(base.resolve("reports"));
        Files.writeString(base.resolve("reports/q3.md"), "# Q3\n\nRevenue went up.\n");
        Files.writeString(base.resolve("notes.txt"), "Plain notes.");
        Files.writeString(dir.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(base.resolve("leak.md"), dir.resolve("secret.txt"));
    }

    @Test
    void chunksEveryPathThatStaysInsideTheBase() {
        assertThat(run("--base", base.toString(), "reports/q3.md", "notes.txt")).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).contains("\"document\": \"reports/q3.md\"").contains("\"document\": \"notes.txt\"");
    }

    @Test
    void reportsEachRefusedPathOnOneLineNamingItAndTheRuleAndStillChunksTheOthers() {
        int status = run("--base", base.toString(), "reports/q3.md", "../secret.txt", "leak.md", "%2e%2e/secret.txt", "notes.txt");
        assertThat(status).isEqualTo(2);
        List<String> lines = err().lines().toList();
        assertThat(lines).containsExactly(
                "chunk: path '../secret.txt' refused (PARENT_SEGMENT: the path holds a '..' segment); name a file inside the base"
                        + " directory without '..'",
                "chunk: path 'leak.md' refused (SYMLINK_ESCAPE: a symbolic link on the path points outside the base directory);"
                        + " keep links pointing inside the base directory",
                "chunk: path '%2e%2e/secret.txt' refused (ENCODED_TRAVERSAL: percent-decoding the path reveals a traversal or a"
                        + " forbidden char); after 1 round(s) of percent-decoding it breaks PARENT_SEGMENT (the path holds a '..'"
                        + " segment)");
        assertThat(out()).contains("\"document\": \"reports/q3.md\"").contains("\"document\": \"notes.txt\"")
                .doesNotContain("SECRET").doesNotContain("secret.txt\"");
    }

    @Test
    void exitsTwoWhenEveryPathIsRefusedAndWritesNoOutputFile() {
        Path target = dir.resolve("out.jsonl");
        assertThat(run("--base", base.toString(), "--out", target.toString(), "/etc/passwd", "~root/.ssh/id_rsa")).isEqualTo(2);
        assertThat(err().lines()).hasSize(2).allMatch(l -> l.startsWith("chunk: path '"));
        assertThat(target).doesNotExist();
    }

    @Test
    void keepsTheOutputOfTheAcceptedPathsWhenOthersAreRefused() throws IOException {
        Path target = dir.resolve("out.jsonl");
        assertThat(run("--base", base.toString(), "--out", target.toString(), "notes.txt", "leak.md")).isEqualTo(2);
        assertThat(Files.readString(target)).contains("Plain notes.").doesNotContain("SECRET");
    }

    @Test
    void escapesControlCharactersInTheLineItPrints() {
        assertThat(run("--base", base.toString(), "a\nb.md\u202e")).isEqualTo(2);
        assertThat(err()).isEqualTo("chunk: path 'a\\u000ab.md\\u202e' refused (CONTROL_CHARACTER: the path holds a control character"
                + " (NUL, CR, LF or another)); rename the file or give its plain name" + System.lineSeparator());
    }

    @Test
    void refusesABaseThatIsNotADirectoryAsUsage() {
        assertThat(run("--base", base.resolve("notes.txt").toString(), "notes.txt")).isEqualTo(2);
        assertThat(err()).startsWith("chunk: --base ").contains("is not a readable directory; give the directory the files are named in");
    }

    @Test
    void previewAndCompareResolveTheirFileThroughTheBaseToo() {
        assertThat(run("preview", "--base", base.toString(), "reports/q3.md")).isZero();
        assertThat(out()).contains("Revenue went up.");
        out.reset();
        err.reset();
        assertThat(run("preview", "--base", base.toString(), "leak.md")).isEqualTo(2);
        assertThat(err()).contains("SYMLINK_ESCAPE").doesNotContain("secret.txt");
        err.reset();
        assertThat(run("compare", "--base", base.toString(), "--strategies", "recursive", "../secret.txt")).isEqualTo(2);
        assertThat(err()).contains("PARENT_SEGMENT");
        assertThat(out()).isEmpty();
    }

    @Test
    void readsStandardInputAlongsideGuardedPaths() {
        assertThat(run("--base", base.toString(), "-", "notes.txt")).isZero();
        assertThat(out()).contains("from stdin").contains("Plain notes.");
    }

    @Test
    void helpDescribesTheBaseOption() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--base DIR").contains("each refused FILE is");
    }
}
