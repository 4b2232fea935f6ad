package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.streaming.StreamResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory benchmark's inputs, its stream and its RSS check, at a small size. */
class MemoryBoundBenchmarkTest {
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    @Test
    void theTextPiecesAreSmallWholeLinesAndTheLineHasNoSeparator() throws CharacterCodingException {
        for (String input : List.of("english", "multilingual")) {
            byte[] piece = MemoryBoundBenchmark.piece(input);
            assertThat(piece.length).as(input).isLessThanOrEqualTo(MemoryBoundBenchmark.PIECE_BYTES).isGreaterThan(200_000);
            assertThat(piece[piece.length - 1]).as("%s ends a line, so repeats start one", input).isEqualTo((byte) '\n');
            strictUtf8(piece);
        }
        String line = strictUtf8(MemoryBoundBenchmark.piece("line"));
        assertThat(line).doesNotContainPattern("[\\s\\p{P}]");
        assertThat(line.codePoints().filter(c -> c > 0xFFFF).count()).as("emoji outside the BMP").isPositive();
        assertThatThrownBy(() -> MemoryBoundBenchmark.piece("french")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsTheRepeatedPieceThroughEveryStrategyAndCoversEveryByte() throws IOException {
        long bytes = 3 * MemoryBoundBenchmark.PIECE_BYTES + 12_345;
        for (String strategy : List.of("character", "recursive", "markdown", "semantic", "hierarchical", "hybrid")) {
            List<Chunk> chunks = new ArrayList<>();
            StreamResult result = MemoryBoundBenchmark.stream(ChunkingBenchmark.structured(strategy),
                    MemoryBoundBenchmark.piece("multilingual"), bytes, chunks::add);

            assertThat(result.bytes()).as(strategy).isBetween(bytes - 3, bytes);
            assertThat(result.chunks()).as(strategy).isEqualTo(chunks.size()).isGreaterThan(100);
        }
    }

    @Test
    void failsWhenThePeakRssIsAboveTheLimitInDecimalMegabytes() {
        MemoryBoundBenchmark.checkPeakRss("hybrid on line", 100_000_000, 100);
        assertThatThrownBy(() -> MemoryBoundBenchmark.checkPeakRss("hybrid on line", 100_000_001, 100))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("hybrid on line: peak RSS of the benchmark JVM is 100.0 MB, above the limit of 100 MB");
    }

    @Test
    void theInputRateIsMegabytesOfTheMibStreamedPerSecond() {
        assertThat(MemoryBoundsProfiler.inputRate(1024, 2.0)).isEqualTo(1024 * 1048576 / 1e6 / 2.0);
        assertThat(MemoryBoundsProfiler.inputRate(64, 0.5)).isEqualTo(134.217728);
    }
}
