package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every built-in strategy describes its parameters once, and {@code Chunking} checks values against the descriptions. */
class StrategyParameterDescriptorsTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    private static Map<String, String> defaults(ChunkingStrategy strategy) {
        Map<String, String> defaults = new LinkedHashMap<>();
        strategy.parameterDescriptors().forEach(d -> defaults.put(d.name(), d.defaultValue()));
        return defaults;
    }

    @Test
    void everyBuiltInStrategyDescribesTheParametersItReadsWithTheirDefaults() {
        StrategyRegistry registry = StrategyRegistry.load();
        assertThat(defaults(registry.strategy("character"))).containsExactly(Map.entry("ends", "paragraph"));
        assertThat(defaults(registry.strategy("recursive"))).isEmpty();
        assertThat(defaults(registry.strategy("markdown"))).containsExactly(Map.entry("front-matter", "chunk"));
        assertThat(defaults(registry.strategy("hierarchical"))).containsExactly(Map.entry("levels", "2048,512,128"));
        assertThat(defaults(registry.strategy("semantic"))).containsExactly(Map.entry("embedder", "lexical"),
                Map.entry("threshold", "95"), Map.entry("window", "64"), Map.entry("batch-size", "32"));
        assertThat(defaults(registry.strategy("hybrid"))).containsExactly(Map.entry("front-matter", "chunk"),
                Map.entry("embedder", ""), Map.entry("threshold", "95"), Map.entry("window", "64"), Map.entry("batch-size", "32"));
        for (ChunkingStrategy strategy : registry.strategies()) {
            assertThat(strategy.parameters()).as(strategy.name() + ": the names it reads are the ones it describes")
                    .isEqualTo(strategy.parameterDescriptors().stream().map(ParameterDescriptor::name).collect(Collectors.toSet()));
        }
    }

    @Test
    void theRangesAreTheOnesTheStrategiesEnforce() {
        Map<String, String> ranges = new LinkedHashMap<>();
        for (ChunkingStrategy strategy : StrategyRegistry.load().strategies()) {
            strategy.parameterDescriptors().forEach(d -> ranges.put(d.name(), d.type() + " " + d.range()));
        }
        assertThat(ranges).containsEntry("levels", "INTEGER_LIST 1..16777216").containsEntry("front-matter", "CHOICE chunk|skip")
                .containsEntry("ends", "CHOICE paragraph|max")
                .containsEntry("embedder", "PLUGIN ").containsEntry("threshold", "INTEGER 1..99")
                .containsEntry("window", "INTEGER 8..65536").containsEntry("batch-size", "INTEGER 1..4096");
    }

    @Test
    void chunkingRefusesAValueOutsideItsDescriptionBeforeAnyChunkerOpens() {
        for (String[] bad : new String[][] {{"semantic", "threshold", "0"}, {"semantic", "window", "7"}, {"hybrid", "batch-size", "4097"},
                {"markdown", "front-matter", "keep"}, {"character", "ends", "min"}, {"hierarchical", "levels", "0"}, {"semantic", "embedder", ""}}) {
            ChunkingOptions options = ChunkingOptions.builder().overlap(0).parameter(bad[1], bad[2]).build();
            assertThatThrownBy(() -> Chunking.of(bad[0], options)).as(String.join(" ", bad))
                    .isInstanceOf(InvalidOptionsException.class)
                    .hasMessageStartingWith("parameter " + bad[1] + " is '" + bad[2] + "'; ")
                    .hasMessageContaining("(--" + bad[1]);
        }
        assertThatThrownBy(() -> Chunking.of("semantic", ChunkingOptions.builder().parameter("window", "7").build()))
                .hasMessage("parameter window is '7'; give a whole number from 8 to 65536 (--window, default 64)");
    }

    @Test
    void aPluginThatOnlyNamesItsParametersKeepsWorkingWithoutChecks() {
        ChunkingStrategy legacy = new ChunkingStrategy() {
            @Override
            public String name() {
                return "legacy";
            }

            @Override
            public String description() {
                return "names its parameters the old way";
            }

            @Override
            public Set<String> parameters() {
                return Set.of("anything");
            }

            @Override
            public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
                return new RecursiveStrategy().open(document, options, tokenCounter, sink);
            }
        };
        assertThat(legacy.parameterDescriptors()).isEmpty();
        ChunkingOptions options = ChunkingOptions.builder().parameter("anything", "").build();
        assertThat(Chunking.of(legacy, options, new CodePointCounter()).chunk(DOC, "text")).hasSize(1);
        assertThatThrownBy(() -> Chunking.of(legacy, ChunkingOptions.builder().parameter("other", "1").build(), new CodePointCounter()))
                .hasMessage("strategy 'legacy' has no parameter 'other'; it reads [anything]; remove the setting or pick another strategy");
    }

    @Test
    void aPluginThatDescribesADecimalParameterGetsItCheckedByChunking() {
        ChunkingStrategy described = new ChunkingStrategy() {
            @Override
            public String name() {
                return "described";
            }

            @Override
            public String description() {
                return "describes one decimal parameter";
            }

            @Override
            public List<ParameterDescriptor> parameterDescriptors() {
                return List.of(ParameterDescriptor.decimal("ratio", "0.5", "0", "1", "share kept"));
            }

            @Override
            public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
                return new RecursiveStrategy().open(document, options, tokenCounter, sink);
            }
        };
        assertThat(described.parameters()).containsExactly("ratio");
        assertThat(Chunking.of(described, ChunkingOptions.builder().parameter("ratio", "0.25").build(), new CodePointCounter())
                .chunk(DOC, "text")).hasSize(1);
        assertThatThrownBy(() -> Chunking.of(described, ChunkingOptions.builder().parameter("ratio", "2").build(), new CodePointCounter()))
                .hasMessage("parameter ratio is '2'; give a number from 0 to 1 (--ratio, default 0.5)");
    }
}
