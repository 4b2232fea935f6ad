package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.InputLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code --max-bytes}, {@code --max-chunks} and {@code --max-metadata-bytes}: parsed, validated, enforced with exit 2. */
class MainInputLimitsTest extends CommandTestSupport {

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), System::nanoTime, false).run(args);
    }

    private static String refusal(Path file, String what, String limit, String setting, String option) {
        return "chunk: document " + file + ": " + what + ", more than the limit of " + limit + " (InputLimits." + setting + ", "
                + option + "); ";
    }

    @Test
    void parsesTheLimitsIntoTheOptionsAndKeepsTheGenerousDefaultsOtherwise() {
        assertThat(Arguments.parse("--max-bytes", "100", "--max-chunks", "7", "--max-metadata-bytes", "9", "f.txt").options().limits())
                .isEqualTo(new InputLimits(100, 7, 9));
        assertThat(Arguments.parse("--max-chunks", "7", "f.txt").options().limits()).isEqualTo(InputLimits.defaults().withMaxChunks(7));
        assertThat(Arguments.parse("f.txt").options().limits()).isEqualTo(InputLimits.defaults());
    }

    @Test
    void refusesAnInputOverEachLimitWithExitTwoAndOneLineNamingTheLimitAndTheOption() throws IOException {
        Path text = file("t.txt", "abcdefghijkl");
        Path markdown = file("m.md", "# Title\n\ntext\n");
        String[] character = {"--strategy", "character", "--size", "4", "--overlap", "0", "--format", "offsets"};
        assertThat(run(concat(character, "--max-bytes", "11", text.toString()))).isEqualTo(2);
        assertThat(run(concat(character, "--max-chunks", "2", text.toString()))).isEqualTo(2);
        assertThat(run("--strategy", "markdown", "--max-metadata-bytes", "4", markdown.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                refusal(text, "12 bytes fed", "11 bytes", "maxDocumentBytes", "--max-bytes") + "raise the limit or split the document",
                refusal(text, "3 chunks made", "2 chunks", "maxChunks", "--max-chunks") + "raise the limit or split the document",
                "chunk: document " + markdown + ": chunk 0 has 5 bytes of metadata, more than the limit of 4 bytes"
                        + " (InputLimits.maxMetadataBytes, --max-metadata-bytes); raise the limit or shorten the document's headings");
    }

    @Test
    void chunksAnInputExactlyAtEveryLimit() throws IOException {
        Path text = file("t.txt", "abcdefghijkl");
        Path markdown = file("m.md", "# Title\n\ntext\n");
        assertThat(run("--strategy", "character", "--size", "4", "--overlap", "0", "--format", "offsets", "--max-bytes", "12",
                "--max-chunks", "3", text.toString())).isZero();
        assertThat(out()).isEqualTo("0\t0\t4\t0\t4\t4\n1\t4\t8\t4\t8\t4\n2\t8\t12\t8\t12\t4\n");
        out.reset();
        assertThat(run("--strategy", "markdown", "--max-metadata-bytes", "5", markdown.toString())).isZero();
        assertThat(out()).contains("\"headings\": [\"Title\"]");
        assertThat(err()).isEmpty();
    }

    @Test
    void leavesTheOutFileAloneWhenAnInputIsOverALimit() throws IOException {
        Path text = file("t.txt", "abcdefghijkl");
        Path target = file("out.jsonl", "previous results\n");
        assertThat(run("--strategy", "character", "--size", "4", "--overlap", "0", "--max-chunks", "2", "--out", target.toString(),
                text.toString())).isEqualTo(2);
        assertThat(Files.readString(target)).isEqualTo("previous results\n");
    }

    @Test
    void refusesBadLimitValuesWithExitTwoAndOneLineSayingWhatToGive() throws IOException {
        Path f = file("d.txt", "text");
        assertThat(run("--max-chunks", "ten", f.toString())).isEqualTo(2);
        assertThat(run("--max-bytes", "0", f.toString())).isEqualTo(2);
        assertThat(run("--max-metadata-bytes", "-5", f.toString())).isEqualTo(2);
        assertThat(run("--max-bytes", "99999999999999999999", f.toString())).isEqualTo(2);
        assertThat(run(f.toString(), "--max-metadata-bytes")).isEqualTo(2);
        assertThat(run("preview", "--max-chunks", "5", f.toString())).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "chunk: --max-chunks ten is not a whole number; give e.g. --max-chunks 1000000",
                "chunk: --max-bytes 0 must be at least 1; give e.g. --max-bytes 1000000000",
                "chunk: --max-metadata-bytes -5 must be at least 1; give e.g. --max-metadata-bytes 65536",
                "chunk: --max-bytes 99999999999999999999 is not a whole number; give e.g. --max-bytes 1000000000",
                "chunk: --max-metadata-bytes needs a value; see chunk --help",
                "chunk: --max-chunks does not apply to 'chunk preview'; remove it (it is for 'chunk FILE...')");
        assertThat(out()).isEmpty();
    }

    @Test
    void listsTheLimitOptionsWithTheirDefaultsInTheHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--max-bytes N          refuse an input longer than N bytes (default 1099511627776, 1 TiB)")
                .contains("--max-chunks N         refuse an input that makes more than N chunks (default 100000000)")
                .contains("--max-metadata-bytes N refuse an input with a chunk of more than N bytes of metadata")
                .contains("(default 65536)");
    }

    @Test
    void aCheckpointedRunRefusedAtALimitResumesOnceTheLimitIsRaised() throws IOException {
        Path input = file("big.txt", "x".repeat(150_000));
        Path checkpoint = dir.resolve("big.checkpoint");
        Path output = dir.resolve("big.offsets");
        String[] options = {"--strategy", "character", "--size", "1", "--overlap", "0", "--format", "offsets"};
        assertThat(run(concat(options, "--max-chunks", "100000", "--checkpoint", checkpoint.toString(), "--out", output.toString(),
                input.toString()))).isEqualTo(2);
        assertThat(err()).startsWith("chunk: document " + input + ": ").contains("more than the limit of 100000 chunks");
        assertThat(checkpoint).as("a checkpoint was taken before the limit").exists();

        assertThat(run(concat(options, "--checkpoint", checkpoint.toString(), "--out", output.toString(), input.toString()))).isZero();
        assertThat(checkpoint).doesNotExist();
        Path whole = dir.resolve("whole.offsets");
        assertThat(run(concat(options, "--out", whole.toString(), input.toString()))).isZero();
        assertThat(Files.mismatch(output, whole)).isEqualTo(-1);
        assertThat(Files.readAllLines(output)).hasSize(150_000);
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
