package dev.chunking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkTest {
    private static final DocumentId DOC = DocumentId.of("a.txt");

    @Test
    void keepsTextAsUtf8AndDecodesItOnce() {
        Chunk chunk = new Chunk(DOC, 0, Utf8Text.of("h\u00e9\ud83d\ude00"), 10, 13, 20, 27, 3, SizeUnit.CHARS, "x", ChunkMetadata.NONE, 0);
        assertThat(chunk.text()).isEqualTo("h\u00e9\ud83d\ude00").isSameAs(chunk.text());
        assertThat(chunk.content().byteLength()).isEqualTo(7);
        assertThat(chunk.content().codePointLength()).isEqualTo(3);
    }

    @Test
    void refusesSpansThatDoNotMatchTheText() {
        Utf8Text text = Utf8Text.of("abc");
        assertThatThrownBy(() -> new Chunk(DOC, 0, text, 0, 4, 0, 3, 3, SizeUnit.CHARS, "x", ChunkMetadata.NONE, 0))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("chunk 0: code-point span [0, 4) does not match the content length 3");
        assertThatThrownBy(() -> new Chunk(DOC, 2, text, 0, 3, 5, 7, 3, SizeUnit.CHARS, "x", ChunkMetadata.NONE, 0))
                .hasMessage("chunk 2: byte span [5, 7) does not match the content length 3 bytes");
        assertThatThrownBy(() -> new Chunk(DOC, -1, text, 0, 3, 0, 3, 3, SizeUnit.CHARS, "x", ChunkMetadata.NONE, 0))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void allowsReplacedTextToDifferInByteLengthFromItsSource() {
        Chunk chunk = new Chunk(DOC, 0, Utf8Text.of("a\ufffd"), 0, 2, 0, 2, 2, SizeUnit.CHARS, "x", ChunkMetadata.NONE, 1);
        assertThat(chunk.content().byteLength()).isEqualTo(4);
        assertThatThrownBy(() -> new Chunk(DOC, 0, Utf8Text.of("a"), 0, 1, 0, 1, 1, SizeUnit.CHARS, "x", ChunkMetadata.NONE, -1))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void validatesResumePoints() {
        assertThat(ResumePoint.after(3, 1)).isEqualTo(new ResumePoint(3, 1, 3, 1, 0, 0));
        assertThatThrownBy(() -> new ResumePoint(10, 5, 8, 4, 1, 0)).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("resume point: the next chunk starts at byte 10 (code point 5), which does not lie within the overlap"
                        + " before the previous end at byte 8 (code point 4)");
        assertThatThrownBy(() -> new ResumePoint(-1, 0, 0, 0, 0, 0)).hasMessageContaining("must not be negative");
    }

    @Test
    void validatesIdsAndMetadata() {
        assertThatThrownBy(() -> DocumentId.of(" ")).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("document id must not be blank");
        assertThatThrownBy(() -> CollectionId.of("a\nb")).hasMessage("collection id contains control character U+000A at index 1; remove it");
        assertThatThrownBy(() -> DocumentId.of("x".repeat(513))).hasMessageContaining("513 chars long, more than the limit of 512");
        assertThatThrownBy(() -> new ChunkMetadata(List.of(), -1, Optional.empty())).hasMessageContaining("level -1 is negative");
        assertThat(new ChunkMetadata(List.of("Intro"), 1, Optional.of("p")).headings()).containsExactly("Intro");
    }

    @Test
    void comparesUtf8TextByBytes() {
        assertThat((Object) Utf8Text.of("\u00e9")).isEqualTo(Utf8Text.copyOf(new byte[] {(byte) 0xC3, (byte) 0xA9}, 0, 2, 1))
                .hasSameHashCodeAs(Utf8Text.of("\u00e9"));
        assertThat(Utf8Text.of("a").compareTo(Utf8Text.of("\u00e9"))).isNegative();
    }
}
