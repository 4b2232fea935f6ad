package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkDigestTest {
    private static final DocumentId DOC = DocumentId.of("d");

    private static Chunk chunk(String text, long index, ChunkMetadata metadata) {
        return new Chunk(DOC, index, Utf8Text.of(text), 0, text.length(), 0, text.length(), text.length(), SizeUnit.CHARS, "s",
                metadata, 0);
    }

    private static String digest(Chunk... chunks) {
        ChunkDigest digest = new ChunkDigest();
        for (Chunk c : chunks) {
            digest.accept(c);
        }
        return digest.hex();
    }

    @Test
    void equalChunkSequencesHaveEqualDigestsAndAnyDifferenceChangesIt() {
        ChunkMetadata m = new ChunkMetadata(List.of("A"), 1, Optional.of("id"), Optional.empty(), Map.of("k", "v"));
        String base = digest(chunk("abc", 0, m), chunk("de", 1, m));
        assertThat(digest(chunk("abc", 0, m), chunk("de", 1, m))).isEqualTo(base).hasSize(64).matches("[0-9a-f]+");
        assertThat(List.of(
                digest(chunk("abc", 0, m)),
                digest(chunk("abd", 0, m), chunk("de", 1, m)),
                digest(chunk("abc", 0, m), chunk("de", 2, m)),
                digest(chunk("abc", 0, ChunkMetadata.NONE), chunk("de", 1, m)),
                digest(chunk("abc", 0, new ChunkMetadata(List.of("A"), 1, Optional.of("id"), Optional.empty(), Map.of("k", "w"))),
                        chunk("de", 1, m)),
                digest(chunk("ab", 0, m), chunk("cde", 1, m)))).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void countsTheChunksAndGoesOnAfterAReading() {
        ChunkDigest digest = new ChunkDigest();
        digest.accept(chunk("abc", 0, ChunkMetadata.NONE));
        String first = digest.hex();
        assertThat(digest.hex()).isEqualTo(first);
        digest.accept(chunk("de", 1, ChunkMetadata.NONE));
        assertThat(digest.chunks()).isEqualTo(2);
        assertThat(digest.hex()).isEqualTo(digest(chunk("abc", 0, ChunkMetadata.NONE), chunk("de", 1, ChunkMetadata.NONE)));
    }
}
