package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import org.junit.jupiter.api.Test;

/** {@code Chunking.recursive(maxSize, overlap)} is the registry lookup of {@code recursive} in one line. */
class RecursiveShortcutTest {
    private static final DocumentId DOC = DocumentId.of("guide.md");
    private static final String TEXT = ("A first sentence of the guide. A second one, caf\u00e9 and \u6f22\u5b57.\n\n"
            + "Another paragraph \uD83D\uDC4D\uD83C\uDFFD with words.\n").repeat(40);

    @Test
    void givesTheSameChunksAsTheRecursiveStrategyLookedUpByName() {
        Chunking byName = Chunking.of("recursive", ChunkingOptions.builder().maxSize(120).overlap(30).build());

        Chunking shortcut = Chunking.recursive(120, 30);

        assertThat(shortcut.strategy().name()).isEqualTo("recursive");
        assertThat(shortcut.options()).isEqualTo(byName.options());
        assertThat(shortcut.chunk(DOC, TEXT)).isEqualTo(byName.chunk(DOC, TEXT)).hasSizeGreaterThan(10);
    }

    @Test
    void refusesAnOverlapNotBelowTheMaxSizeNamingBothSettings() {
        assertThatThrownBy(() -> Chunking.recursive(100, 100))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("overlap 100")
                .hasMessageContaining("max size 100");
    }

    @Test
    void refusesANegativeOverlap() {
        assertThatThrownBy(() -> Chunking.recursive(100, -1))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("overlap -1");
    }
}
