package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command that reads a file refuses a missing or malformed one the same way: exit 2 and the same line. */
class InputErrorsTest extends CommandTestSupport {

    private int run(String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), out, stderr(), System::nanoTime, false).run(args);
    }

    @Test
    void chunkPreviewAndCompareRefuseAMissingFileWithTheSameLine() {
        String missing = dir.resolve("missing.txt").toString();
        for (List<String> command : List.of(List.of(missing), List.of("preview", missing), List.of("compare", "--strategies", "recursive,character", missing))) {
            assertThat(run(command.toArray(String[]::new))).as("%s", command).isEqualTo(2);
        }
        assertThat(err().lines()).containsOnly("chunk: cannot read " + missing + ": no such file; check the path").hasSize(3);
    }

    @Test
    void chunkPreviewAndCompareRefuseMalformedUtf8NamingTheFileWithTheSameLine() throws IOException {
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', ' ', (byte) 0xC3, '(', '\n'});
        for (List<String> command : List.of(List.of(bad.toString()), List.of("preview", bad.toString()),
                List.of("compare", "--strategies", "recursive,character", bad.toString()))) {
            assertThat(run(command.toArray(String[]::new))).as("%s", command).isEqualTo(2);
        }
        List<String> lines = err().lines().toList();
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("chunk: " + bad + ": ")
                .contains("byte offset 3"));
        assertThat(lines).containsOnly(lines.get(0));
    }

    @Test
    void takesTextInAnyScriptCutInsideACharacterAtTheEndOfTheSampleForText() {
        byte[] start = ("0123456789abcdef" + "\u65e5\u672c\u8a9e \u00e9t\u00e9 \t\r\n\f\u001b[1m ".repeat(1000)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer sample = ByteBuffer.wrap(start, 0, InputErrors.SNIFF_BYTES).slice();
        assertThat(start[InputErrors.SNIFF_BYTES] & 0xC0).as("the sample ends inside a character").isEqualTo(0x80);

        assertThat(InputErrors.binary(sample, true)).isNull();
        assertThat(InputErrors.binary(ByteBuffer.wrap(new byte[] {'a', (byte) 0xE6}), false)).as("too few bytes to call binary")
                .isNull();
        assertThat(InputErrors.binary(ByteBuffer.wrap("a\u0001b".repeat(20).getBytes(StandardCharsets.UTF_8)), false))
                .isEqualTo("20 of its first 60 bytes are control characters or not UTF-8");
    }
}
