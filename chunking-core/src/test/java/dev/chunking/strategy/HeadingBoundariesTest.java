package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.Promises;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code recursive} and {@code character} end a chunk at the latest paragraph break where a heading
 * starts, rather than at a later paragraph break, so a section's heading opens the chunk of its text.
 */
class HeadingBoundariesTest {
    // paragraph breaks at 22 (before the heading), 31, 44 and 57; max 60, default min size 15
    private static final String ATX = "Intro paragraph one.\n\n# Setup\n\nInstall it.\n\nRun it now.\n\nMore text here that goes on.";
    // paragraph breaks at 18 (before the underlined title), 31 and 53
    private static final String SETEXT = "Some words here.\n\nTitle\n=====\n\nBody of the section.\n\nAnother paragraph.\n\nLast one.";

    private static List<String> texts(String strategy, String text, ChunkingOptions options) {
        List<Chunk> chunks = Chunking.of(strategy, options).chunk(DocumentId.of("doc"), text);
        Promises.assertKept(text, chunks, options);
        return chunks.stream().map(Chunk::text).toList();
    }

    private static ChunkingOptions max60() {
        return ChunkingOptions.builder().maxSize(60).overlap(0).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "character"})
    void endsAChunkBeforeAHashHeadingRatherThanAtALaterParagraphBreak(String strategy) {
        assertThat(texts(strategy, ATX, max60())).containsExactly("Intro paragraph one.\n\n",
                "# Setup\n\nInstall it.\n\nRun it now.\n\n", "More text here that goes on.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "character"})
    void endsAChunkBeforeAnUnderlinedTitleRatherThanAtALaterParagraphBreak(String strategy) {
        assertThat(texts(strategy, SETEXT, max60())).containsExactly("Some words here.\n\n",
                "Title\n=====\n\nBody of the section.\n\nAnother paragraph.\n\n", "Last one.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "character"})
    void aLineOfTwoDashesUnderATextLineIsNoTitle(String strategy) {
        String text = SETEXT.replace("=====", "--");
        assertThat(texts(strategy, text, max60()).get(0)).isEqualTo("Some words here.\n\nTitle\n--\n\nBody of the section.\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "character"})
    void aHeadingBeforeTheMinSizeDoesNotEndAChunk(String strategy) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(60).overlap(0).minSize(25).build();
        assertThat(texts(strategy, ATX, options).get(0)).isEqualTo("Intro paragraph one.\n\n# Setup\n\nInstall it.\n\nRun it now.\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "character"})
    void withoutAParagraphBreakRecursiveFallsBackToLinesAndCharacterToTheMaxSize(String strategy) {
        String text = "one line of words\nanother line of words\nand a third line of words that is long";
        List<String> chunks = texts(strategy, text, ChunkingOptions.builder().maxSize(50).overlap(0).build());
        assertThat(chunks.get(0)).isEqualTo(strategy.equals("recursive") ? "one line of words\nanother line of words\n"
                : text.substring(0, 50));
    }

    @ParameterizedTest
    @ValueSource(strings = {"recursive", "character"})
    void theRestOfAnOversizedParagraphEndsItsChunk(String strategy) {
        // the first chunk is cut at 60 inside the run; the second ends at the run's end (102), not at the later break (110)
        String text = "x".repeat(100) + "\n\nShort.\n\nAnother short paragraph here.";
        List<String> chunks = texts(strategy, text, max60());
        assertThat(chunks).containsExactly("x".repeat(60), "x".repeat(40) + "\n\n", "Short.\n\nAnother short paragraph here.");
    }

    @Test
    void characterWithEndsMaxIgnoresParagraphsAndHeadings() {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(60).overlap(0).parameter("ends", "max").build();
        assertThat(texts("character", ATX, options)).containsExactly(ATX.substring(0, 60), ATX.substring(60));
    }
}
