package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.PluginFailureException;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose {@code META-INF/services} entry names a missing class, a class that is not a
 * strategy, or a class whose constructor throws: one line naming the class and where it was
 * registered, and the other providers still load.
 */
class BrokenPluginTest {
    @TempDir
    Path plugin;

    /** A strategy whose constructor throws, as a plugin with a bug in it would. */
    public static final class ThrowingStrategy implements ChunkingStrategy {
        /** Throws. */
        public ThrowingStrategy() {
            throw new IllegalStateException("no config\nfile");
        }

        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public String description() {
            return "never made";
        }

        @Override
        public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
            throw new UnsupportedOperationException();
        }
    }

    private URLClassLoader loaderWith(String... services) throws Exception {
        Path file = plugin.resolve("META-INF/services/" + ChunkingStrategy.class.getName());
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(services));
        return new URLClassLoader(new URL[] {plugin.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void skipsEachBrokenProviderWithOneLineNamingItsClassAndDirectoryAndLoadsTheOthers() throws Exception {
        List<String> problems = new ArrayList<>();
        try (URLClassLoader loader = loaderWith("org.example.Missing", "# a comment", ThrowingStrategy.class.getName(),
                BrokenPluginTest.class.getName())) {
            StrategyRegistry registry = StrategyRegistry.load(loader, problems::add);

            assertThat(registry.strategies()).extracting(ChunkingStrategy::name).contains("character", "recursive");
        }
        assertThat(problems).containsExactly(
                "cannot load ChunkingStrategy provider org.example.Missing registered by " + plugin + ": class not found;"
                        + " fix or remove that jar (e.g. from CHUNK_CLASSPATH)",
                "cannot load ChunkingStrategy provider " + ThrowingStrategy.class.getName() + " registered by " + plugin
                        + ": its constructor threw java.lang.IllegalStateException: no config file;"
                        + " fix or remove that jar (e.g. from CHUNK_CLASSPATH)",
                "cannot load ChunkingStrategy provider " + BrokenPluginTest.class.getName() + " registered by " + plugin
                        + ": class is not a ChunkingStrategy; fix or remove that jar (e.g. from CHUNK_CLASSPATH)");
    }

    @Test
    void loadingStrictlyFailsWithALibraryExceptionNamingTheClassInsteadOfAServiceConfigurationError() throws Exception {
        try (URLClassLoader loader = loaderWith("org.example.Missing")) {
            assertThatThrownBy(() -> StrategyRegistry.load(loader)).isInstanceOf(PluginFailureException.class)
                    .hasMessageStartingWith("cannot load ChunkingStrategy provider org.example.Missing registered by " + plugin);
        }
    }
}
