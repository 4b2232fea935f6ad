package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.UnknownPluginException;
import dev.chunking.spi.Embedder;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.HybridStrategy;
import dev.chunking.strategy.SemanticStrategy;
import dev.chunking.testing.Promises;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Embedders are found through the registry a chunking is made from, as strategies and token counters are. */
class PluginLookupTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final String TEXT = "Chop the onions finely. Fry them in the pan. ".repeat(20)
            + "The telescope shows the stars. The galaxy holds planets. ".repeat(20);

    /** An embedder only this test knows: not on the ServiceLoader path. */
    private static final class Recording implements Embedder {
        private final AtomicInteger texts = new AtomicInteger();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String description() {
            return "counts the texts it embeds";
        }

        @Override
        public List<float[]> embed(List<String> batch) {
            texts.addAndGet(batch.size());
            List<float[]> vectors = new ArrayList<>();
            for (String text : batch) {
                vectors.add(text.contains("onions") || text.contains("pan") ? new float[] {1, 0} : new float[] {0, 1});
            }
            return vectors;
        }
    }

    private static StrategyRegistry registryWith(Embedder embedder) {
        return StrategyRegistry.of(List.of(new SemanticStrategy(), new HybridStrategy()), List.of(new CodePointCounter()),
                List.of(embedder));
    }

    @Test
    void semanticUsesAnEmbedderRegisteredWithTheRegistryItWasMadeFrom() {
        Recording embedder = new Recording();
        ChunkingOptions options = ChunkingOptions.builder().maxSize(400).overlap(0).parameter("embedder", "recording").build();
        List<Chunk> chunks = Chunking.of(registryWith(embedder), "semantic", options).chunk(DOC, TEXT);
        Promises.assertKept(TEXT, chunks, options);
        assertThat(embedder.texts.get()).as("sentences embedded by the registry's embedder").isEqualTo(80);
    }

    @Test
    void hybridUsesAnEmbedderRegisteredWithTheRegistryItWasMadeFrom() {
        Recording embedder = new Recording();
        ChunkingOptions options = ChunkingOptions.builder().maxSize(400).overlap(0).parameter("embedder", "recording").build();
        List<Chunk> chunks = Chunking.of(registryWith(embedder), "hybrid", options).chunk(DOC, TEXT);
        Promises.assertKept(TEXT, chunks, options);
        assertThat(embedder.texts.get()).as("sentences embedded by the registry's embedder").isPositive();
        assertThat(chunks).anySatisfy(c -> assertThat(c.metadata().attributes()).containsEntry("subStrategy", "semantic"));
    }

    @Test
    void aRegistryWithoutAnEmbedderOfThatNameRefusesItListingTheOnesItHas() {
        ChunkingOptions options = ChunkingOptions.builder().parameter("embedder", "lexical").build();
        assertThatThrownBy(() -> Chunking.of(registryWith(new Recording()), "semantic", options).chunk(DOC, TEXT))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessage("unknown embedder 'lexical'; known: recording");
    }

    @Test
    void theDefaultRegistryStillFindsTheLexicalEmbedderThroughServiceLoader() {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(400).overlap(0).parameter("embedder", "lexical").build();
        assertThat(Chunking.of("semantic", options).chunk(DOC, TEXT)).isNotEmpty();
        assertThat(Chunking.of("hybrid", options).chunk(DOC, TEXT)).isNotEmpty();
    }
}
