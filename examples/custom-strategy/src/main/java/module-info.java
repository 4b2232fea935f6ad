/**
 * An example plugin for the chunking library: the {@code lines} strategy. On the module path it
 * is found through {@code provides}; on the class path through
 * {@code META-INF/services/dev.chunking.spi.ChunkingStrategy}.
 */
module org.example.chunking {
    requires dev.chunking.core;

    provides dev.chunking.spi.ChunkingStrategy with org.example.chunking.LinesStrategy;
}
