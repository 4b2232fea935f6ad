package org.example.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.StrategyRegistry;
import dev.chunking.spi.ChunkingStrategy;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plugin is found by name next to the built-ins, on the class path and on the module path. */
class LinesRegistrationTest {

    @Test
    void theRegistryFindsThePluginByNameNextToTheBuiltIns() {
        StrategyRegistry registry = StrategyRegistry.load();
        assertThat(registry.strategies()).extracting(ChunkingStrategy::name).contains("character", "lines", "recursive");
        assertThat(registry.strategy("lines")).isInstanceOf(LinesStrategy.class);
        assertThat(ServiceLoader.load(ChunkingStrategy.class).stream().map(ServiceLoader.Provider::type))
                .contains(LinesStrategy.class);
    }

    @Test
    void metaInfServicesNamesTheStrategyForTheClassPath() throws Exception {
        assertThat(Files.readAllLines(Path.of("target/classes/META-INF/services/dev.chunking.spi.ChunkingStrategy")))
                .containsExactly("org.example.chunking.LinesStrategy");
    }

    @Test
    void moduleInfoProvidesTheStrategyOnTheModulePath() throws Exception {
        Path core = location(StrategyRegistry.class);
        Path plugin = location(LinesStrategy.class);
        ModuleFinder finder = ModuleFinder.of(core, plugin);
        Configuration configuration = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(),
                Set.of("dev.chunking.core"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        Class<?> service = layer.findLoader("dev.chunking.core").loadClass("dev.chunking.spi.ChunkingStrategy");
        List<String> providers = ServiceLoader.load(layer, service).stream()
                .map(p -> p.type().getModule().getName() + "/" + p.type().getName()).toList();

        assertThat(providers).contains("org.example.chunking/org.example.chunking.LinesStrategy",
                "dev.chunking.core/dev.chunking.strategy.CharacterStrategy");
        assertThat(finder.find("org.example.chunking").orElseThrow().descriptor().requires())
                .extracting(r -> r.name()).contains("dev.chunking.core");
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
