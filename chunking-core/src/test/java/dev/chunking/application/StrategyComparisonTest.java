package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyComparisonTest {
    private static final String TEXT = "# Guide\n\nFirst paragraph. It has two sentences.\n\nSecond paragraph is longer and it"
            + " keeps going without a full stop for a while so that it must be split somewhere\n\n## Part\n\n\u6f22\u5b57\u306e\u6587\u3002"
            + "\u6b21\u306e\u6587\uff01\n";

    @Test
    void reportsCountsSizesSharesAndTimePerStrategy() {
        byte[] sample = TEXT.getBytes(StandardCharsets.UTF_8);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(40).overlap(0).minSize(20).build();
        List<Chunking> candidates = List.of(Chunking.of("recursive", options), Chunking.of("markdown", options),
                Chunking.of("character", options));
        AtomicLong now = new AtomicLong();
        List<StrategyComparison.Row> rows = StrategyComparison.compare(sample, candidates, () -> now.getAndAdd(5_000_000));

        assertThat(rows).extracting(StrategyComparison.Row::strategy).containsExactly("recursive", "markdown", "character");
        for (int i = 0; i < rows.size(); i++) {
            StrategyComparison.Row row = rows.get(i);
            List<Chunk> chunks = candidates.get(i).chunk(DocumentId.of("sample"), TEXT);
            long[] sizes = chunks.stream().mapToLong(Chunk::size).sorted().toArray();
            assertThat(row.chunks()).isEqualTo(chunks.size());
            assertThat(row.minSize()).isEqualTo(sizes[0]);
            assertThat(row.maxSize()).isEqualTo(sizes[sizes.length - 1]).isLessThanOrEqualTo(40);
            assertThat(row.meanSize()).isEqualTo(Arrays.stream(sizes).average().orElseThrow());
            assertThat(row.p50Size()).isEqualTo(sizes[(int) Math.ceil(0.5 * sizes.length) - 1]);
            assertThat(row.underMinShare()).isEqualTo((double) Arrays.stream(sizes).filter(s -> s < 20).count() / sizes.length);
            assertThat(row.boundaryShare()).isBetween(0.0, 1.0);
            assertThat(row.time()).isEqualTo(Duration.ofMillis(5));
        }
        assertThat(rows.get(1).boundaryShare()).isGreaterThan(rows.get(2).boundaryShare()); // markdown cuts between blocks
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "One. Two|4|true",
        "One two|3|false",
        "One.\\n\\nTwo|4|true",
        "One\\n\\nTwo|3|true",
        "One\\nTwo|3|false",
        "He said (stop.) Then|15|true",
        "Er sagte \u201estopp.\u201c Dann|21|true",
        "\u6f22\u5b57\u3002\u6b21|9|true",
        "end|3|true",
        "Wait? yes|5|true",
        "v1.2 is|3|false",
    })
    void endsOnASentenceOrParagraphBoundary(String text, int end, boolean expected) {
        assertThat(StrategyComparison.endsOnBoundary(text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8), end)).isEqualTo(expected);
    }

    @Test
    void refusesAnEmptyListOfStrategies() {
        assertThatThrownBy(() -> StrategyComparison.compare(new byte[0], List.of())).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("no strategies to compare; name at least one (--strategies)");
    }
}
