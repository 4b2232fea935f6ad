package dev.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module-info exports the API, hides internals and provides the built-ins. */
class ModuleDescriptorTest {

    @Test
    void exportsTheLayersProvidesTheBuiltInsAndHidesInternals() throws Exception {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.chunking.core");
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("dev.chunking.domain", "dev.chunking.spi", "dev.chunking.strategy",
                        "dev.chunking.application", "dev.chunking.ratelimit");
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name).containsOnly("java.base");
        assertThat(descriptor.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo("dev.chunking.spi.ChunkingStrategy");
            assertThat(p.providers()).containsExactly("dev.chunking.strategy.CharacterStrategy",
                    "dev.chunking.strategy.RecursiveStrategy", "dev.chunking.strategy.MarkdownStrategy",
                    "dev.chunking.strategy.HierarchicalStrategy", "dev.chunking.strategy.SemanticStrategy",
                    "dev.chunking.strategy.HybridStrategy");
        });
        assertThat(descriptor.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo("dev.chunking.spi.Embedder");
            assertThat(p.providers()).containsExactly("dev.chunking.strategy.LexicalEmbedder");
        });
        assertThat(descriptor.uses()).contains("dev.chunking.spi.ChunkingStrategy", "dev.chunking.spi.TokenCounter",
                "dev.chunking.spi.Embedder");
    }

    @Test
    void listsTheSameProvidersInMetaInfServicesForTheClassPath() throws Exception {
        assertThat(Files.readAllLines(Path.of("target/classes/META-INF/services/dev.chunking.spi.ChunkingStrategy")))
                .containsExactly("dev.chunking.strategy.CharacterStrategy", "dev.chunking.strategy.RecursiveStrategy",
                        "dev.chunking.strategy.MarkdownStrategy", "dev.chunking.strategy.HierarchicalStrategy",
                        "dev.chunking.strategy.SemanticStrategy", "dev.chunking.strategy.HybridStrategy");
        assertThat(Files.readAllLines(Path.of("target/classes/META-INF/services/dev.chunking.spi.Embedder")))
                .containsExactly("dev.chunking.strategy.LexicalEmbedder");
    }
}
