package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.DuplicatePluginException;
import dev.chunking.domain.UnknownPluginException;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.Embedder;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.CharacterStrategy;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.LexicalEmbedder;
import dev.chunking.strategy.RecursiveStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyRegistryTest {

    @Test
    void findsTheBuiltInStrategiesAndCounterThroughServiceLoader() {
        StrategyRegistry registry = StrategyRegistry.load();
        assertThat(registry.strategies()).extracting(ChunkingStrategy::name).containsExactly("character", "hierarchical", "hybrid", "markdown", "recursive", "semantic");
        assertThat(registry.strategy("recursive")).isInstanceOf(RecursiveStrategy.class);
        assertThat(registry.tokenCounters()).extracting(TokenCounter::name).containsExactly("codepoints");
        assertThat(registry.strategies()).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void refusesAnUnknownNameListingTheKnownOnes() {
        assertThatThrownBy(() -> StrategyRegistry.load().strategy("semantik"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessage("unknown strategy 'semantik'; known: character, hierarchical, hybrid, markdown, recursive, semantic;"
                        + " did you mean 'semantic'?");
        assertThatThrownBy(() -> Chunking.of("recursive", ChunkingOptions.builder().tokenCounter("cl100k").build()))
                .hasMessage("unknown token counter 'cl100k'; known: codepoints; the OpenAI encodings (cl100k_base, o200k_base,"
                        + " p50k_base, r50k_base) come with the chunking-tokenizers artifact: add it to the class path (for"
                        + " bin/chunk, CHUNK_CLASSPATH)");
    }

    @Test
    void findsTheLexicalEmbedderByNameThroughServiceLoader() {
        StrategyRegistry registry = StrategyRegistry.load();
        assertThat(registry.embedders()).extracting(Embedder::name).containsExactly("lexical");
        assertThat(registry.embedder("lexical")).isInstanceOf(LexicalEmbedder.class);
        assertThat(registry.embedder("lexical").description()).isNotBlank();
        assertThat(registry.embedder("lexical").embed(List.of("some text"))).singleElement()
                .satisfies(v -> assertThat(v).hasSize(LexicalEmbedder.DEFAULT_DIMENSIONS));
    }

    @Test
    void refusesAnUnknownEmbedderListingTheKnownOnes() {
        assertThatThrownBy(() -> StrategyRegistry.load().embedder("bert"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessage("unknown embedder 'bert'; known: lexical");
        assertThatThrownBy(() -> StrategyRegistry.of(List.of(new CharacterStrategy()), List.of(new CodePointCounter())).embedder("lexical"))
                .as("an explicit registry has the embedders it is given, none by default")
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageStartingWith("unknown embedder 'lexical'; known:");
    }

    @Test
    void refusesTwoEmbeddersOfOneNameNamingBothClasses() {
        Embedder impostor = new Embedder() {
            @Override
            public String name() {
                return "lexical";
            }

            @Override
            public String description() {
                return "impostor";
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> StrategyRegistry.of(List.of(), List.of(), List.of(new LexicalEmbedder(), impostor)))
                .isInstanceOf(DuplicatePluginException.class)
                .hasMessageStartingWith("duplicate embedder name 'lexical': provided by both " + LexicalEmbedder.class.getName());
        assertThat(StrategyRegistry.of(List.of(), List.of(), List.of(new LexicalEmbedder(16))).embedder("lexical")
                .embed(List.of("x")).get(0)).hasSize(16);
    }

    @Test
    void refusesTwoProvidersOfOneNameNamingBothClasses() {
        assertThatThrownBy(() -> StrategyRegistry.of(List.of(new RecursiveStrategy(), new Impostor()), List.of(new CodePointCounter())))
                .isInstanceOf(DuplicatePluginException.class)
                .hasMessage("duplicate strategy name 'recursive': provided by both " + RecursiveStrategy.class.getName()
                        + " and " + Impostor.class.getName() + "; remove one of the jars or rename one provider");
    }

    @Test
    void usesAnExplicitRegistryForHostsWithoutServiceLoader() {
        StrategyRegistry registry = StrategyRegistry.of(List.of(new CharacterStrategy()), List.of(new CodePointCounter()));
        Chunking chunking = Chunking.of(registry, "character", ChunkingOptions.builder().maxSize(2).overlap(0).build());
        assertThat(chunking.chunk(DocumentId.of("d"), "abcde")).extracting(c -> c.text()).containsExactly("ab", "cd", "e");
        assertThat(chunking.strategy().name()).isEqualTo("character");
    }

    /** A plugin that claims a built-in name. */
    static final class Impostor implements ChunkingStrategy {
        @Override
        public String name() {
            return "recursive";
        }

        @Override
        public String description() {
            return "impostor";
        }

        @Override
        public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
            throw new UnsupportedOperationException();
        }
    }
}
