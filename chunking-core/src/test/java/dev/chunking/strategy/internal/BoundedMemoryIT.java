package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.strategy.CodePointCounter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Promise 6: the window follows the chunk size, never the document length. */
class BoundedMemoryIT {
    private static final int MIB = 1 << 20;

    private static int peakWindow(BoundaryLevels levels, byte[] piece, int repeats) {
        long[] chunks = {0};
        BoundaryChunker chunker = new BoundaryChunker("t", levels, DocumentId.of("d"),
                ChunkingOptions.builder().maxSize(1000).overlap(200).build(), new CodePointCounter(), c -> chunks[0]++, ResumePoint.START);
        return peakWindow(chunker, chunks, piece, repeats);
    }

    /** Feeds {@code repeats} copies of {@code piece} and returns the largest window seen; {@code chunks} counts the chunks. */
    private static int peakWindow(BoundaryChunker chunker, long[] chunks, byte[] piece, int repeats) {
        int peak = 0;
        for (int i = 0; i < repeats; i++) {
            chunker.feed(piece, 0, piece.length);
            peak = Math.max(peak, chunker.buf.length);
        }
        chunker.finish();
        assertThat(chunks[0]).as("chunks emitted").isGreaterThan((long) piece.length * repeats / 4000);
        return peak;
    }

    @Test
    void holdsA64KiBWindowFor64MiBOfOneLineWithoutSeparators() {
        byte[] piece = "\u6f22x\ud83d\ude00".repeat(MIB / 8).getBytes(StandardCharsets.UTF_8);
        assertThat(peakWindow(BoundaryLevels.ALL, piece, 64)).isEqualTo(64 * 1024);
    }

    @Test
    void holdsA64KiBWindowFor64MiBOfProse() {
        byte[] piece = "A sentence of prose. Another one follows\nand a line\n\n".repeat(MIB / 52).getBytes(StandardCharsets.UTF_8);
        assertThat(peakWindow(BoundaryLevels.ALL, piece, 64)).isEqualTo(64 * 1024);
    }

    @Test
    void holdsA64KiBWindowForAGraphemeClusterLongerThanTheDocumentWindow() {
        byte[] piece = "\u0301".repeat(MIB / 2).getBytes(StandardCharsets.UTF_8);
        byte[] start = "e".getBytes(StandardCharsets.UTF_8);
        long[] chunks = {0};
        BoundaryChunker chunker = new BoundaryChunker("t", BoundaryLevels.GRAPHEMES, DocumentId.of("d"),
                ChunkingOptions.builder().maxSize(1000).overlap(200).build(), new CodePointCounter(), c -> chunks[0]++, ResumePoint.START);
        chunker.feed(start, 0, 1);
        for (int i = 0; i < 16; i++) {
            chunker.feed(piece, 0, piece.length);
        }
        chunker.finish();
        assertThat(chunker.buf.length).isEqualTo(64 * 1024);
        assertThat(chunks[0]).isEqualTo((16L * MIB / 2 + 1 + 999) / 1000);
    }

    /** The peak window of a structure-guided chunker of the given strategy over {@code repeats} copies of {@code piece}. */
    private static int peakStructuredWindow(String strategy, byte[] piece, int repeats) {
        long[] chunks = {0};
        ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(1000).overlap(200);
        ChunkingOptions options = strategy.equals("hybrid") ? builder.parameter("embedder", "lexical").build() : builder.build();
        return peakWindow(strategyChunker(strategy, options, chunks), chunks, piece, repeats);
    }

    /** The strategy's own chunker, without the input limits {@code Chunking.open} puts around it, to see its window. */
    private static BoundaryChunker strategyChunker(String strategy, ChunkingOptions options, long[] chunks) {
        return (BoundaryChunker) StrategyRegistry.load().strategy(strategy)
                .open(DocumentId.of("d"), options, new CodePointCounter(), c -> chunks[0]++);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"markdown", "semantic", "hybrid"})
    void holdsABoundedWindowFor16MiBOfOneLineInEveryStructuredStrategy(String strategy) {
        byte[] piece = "\u6f22x\ud83d\ude00 word".repeat(MIB / 16).getBytes(StandardCharsets.UTF_8);
        assertThat(peakStructuredWindow(strategy, piece, 16)).isLessThanOrEqualTo(128 * 1024);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"markdown", "semantic", "hybrid"})
    void holdsABoundedWindowFor16MiBOfMarkdownProseInEveryStructuredStrategy(String strategy) {
        byte[] piece = ("# Title\n\nA sentence of prose. Another one follows\nand a line\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                + "- item\n- item\n\n").repeat(MIB / 128).getBytes(StandardCharsets.UTF_8);
        assertThat(peakStructuredWindow(strategy, piece, 16)).isLessThanOrEqualTo(128 * 1024);
    }

    @org.junit.jupiter.api.Test
    void holdsABoundedWindowForSemanticWithTheLargestBatchOfLongSentences() {
        long[] chunks = {0};
        ChunkingOptions options = ChunkingOptions.builder().maxSize(1000).overlap(200).parameter("batch-size", "4096").build();
        byte[] piece = ("\u6f22".repeat(2000) + "\u3002").repeat(64).getBytes(StandardCharsets.UTF_8);
        BoundaryChunker chunker = strategyChunker("semantic", options, chunks);
        assertThat(peakWindow(chunker, chunks, piece, 24)).isLessThanOrEqualTo(256 * 1024);
    }
}
