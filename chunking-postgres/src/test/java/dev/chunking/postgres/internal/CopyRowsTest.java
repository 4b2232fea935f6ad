package dev.chunking.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkRefusedException;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The COPY text encoding of a row, whose escaping copies the runs between special bytes whole. */
class CopyRowsTest {
    private static Chunk chunk(String text) {
        Utf8Text t = Utf8Text.of(text);
        return new Chunk(DocumentId.of("d"), 0, t, 0, t.codePointLength(), 0, t.byteLength(), t.codePointLength(), SizeUnit.CHARS,
                "recursive", ChunkMetadata.NONE, 0);
    }

    private static String row(String text) {
        CopyRows rows = new CopyRows();
        rows.add(3, "c", 1, chunk(text));
        try {
            return new String(rows.stream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void escapesBackslashNewlineReturnAndTabAtTheStartInTheMiddleAndAtTheEnd() {
        assertThat(row("\\a\tb\nc\rd世界🙂\u0001e\\")).isEqualTo("3\tc\td\t1\t0\t\\\\a\\tb\\nc\\rd世界🙂\u0001e\\\\\t0\t"
                + 14 + "\t0\t" + "\\a\tb\nc\rd世界🙂\u0001e\\".getBytes(StandardCharsets.UTF_8).length
                + "\t14\tchars\trecursive\t{}\t0\t\\N\t\\N\t0\t{}\n");
    }

    @Test
    void copiesTextWithoutSpecialBytesAsItIs() {
        String text = "plain text, ünïcödé 世界 🙂 ".repeat(50);
        assertThat(row(text)).contains("\t" + text + "\t");
    }

    @Test
    void refusesUZeroAndLeavesTheBufferAsItWas() {
        CopyRows rows = new CopyRows();
        rows.add(3, "c", 1, chunk("ok"));
        int length = rows.length();
        assertThatThrownBy(() -> rows.add(3, "c", 1, chunk("a\u0000b"))).isInstanceOf(ChunkRefusedException.class)
                .hasMessageContaining("U+0000");
        assertThat(rows.length()).isEqualTo(length);
        assertThat(rows.rows()).isEqualTo(1);
    }
}
