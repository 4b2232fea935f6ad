package dev.chunking.embeddings.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.Feeds;
import dev.chunking.testing.Promises;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code semantic} and {@code hybrid} with the {@code minilm} embedder, found by name in a registry
 * loaded from the class path as a host's would be, keep the promises on real documents: exact
 * slices, the hard max size, order, coverage, grapheme-safe cuts, and feed independence.
 */
class SemanticWithMiniLmIT {
    private static final StrategyRegistry REGISTRY = StrategyRegistry.load(SemanticWithMiniLmIT.class.getClassLoader());
    private static final List<String> DOCUMENTS = List.of("documents/multilingual.txt", "documents/guide.md",
            "prose/nodejs-modules.md", "markdown/pyenv-README.md");

    private static Chunking chunking(String strategy, int maxSize) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(maxSize).overlap(maxSize / 10)
                .parameter("embedder", MiniLmEmbedder.NAME).build();
        return Chunking.of(REGISTRY, strategy, options);
    }

    @Test
    void theRegistryFindsTheEmbedderByName() {
        assertThat(REGISTRY.embedder("minilm")).isInstanceOf(MiniLmEmbedder.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"semantic", "hybrid"})
    void chunksOfRealDocumentsAreExactSlicesWithinTheMaxSize(String strategy) {
        int total = 0;
        for (String document : DOCUMENTS) {
            String text = new String(RealDocuments.read(document), StandardCharsets.UTF_8);
            Chunking chunking = chunking(strategy, 800);
            List<Chunk> chunks = chunking.chunk(DocumentId.of(document), text);
            Promises.assertKept(text, chunks, chunking.options());
            total += chunks.size();
        }
        assertThat(total).as("chunks of the four documents").isGreaterThan(20);
    }

    @Test
    void semanticGivesTheSameChunksHoweverTheBytesAreFed() {
        String document = "prose/nodejs-modules.md";
        String text = new String(RealDocuments.read(document), StandardCharsets.UTF_8);
        Chunking chunking = chunking("semantic", 600);
        List<Chunk> whole = chunking.chunk(DocumentId.of(document), text);
        List<Chunk> pieces = Feeds.inRandomBytePieces(chunking, DocumentId.of(document), text, new Random(20), 5000);
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void minilmFindsOtherBoundariesThanLexical() {
        String document = "prose/nodejs-modules.md";
        String text = new String(RealDocuments.read(document), StandardCharsets.UTF_8);
        List<Chunk> neural = chunking("semantic", 800).chunk(DocumentId.of(document), text);
        List<Chunk> lexical = Chunking.of(REGISTRY, "semantic", ChunkingOptions.builder().maxSize(800).overlap(80)
                .parameter("embedder", "lexical").build()).chunk(DocumentId.of(document), text);
        assertThat(neural.stream().map(Chunk::end).toList()).isNotEqualTo(lexical.stream().map(Chunk::end).toList());
    }
}
