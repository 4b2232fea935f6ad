/**
 * The chunking library's core: text in, chunks out. Domain values and the exception hierarchy,
 * the plugin SPI and the ports adapters implement, the six built-in strategies (their engine in
 * the unexported {@code dev.chunking.strategy.internal}), the entry point and plugin registry,
 * and the in-process rate limiter. Depends on the JDK only: no file-system walk, no threads.
 */
module dev.chunking.core {
    exports dev.chunking.domain;
    exports dev.chunking.spi;
    exports dev.chunking.strategy;
    exports dev.chunking.application;
    exports dev.chunking.ratelimit;

    uses dev.chunking.spi.ChunkingStrategy;
    uses dev.chunking.spi.TokenCounter;
    uses dev.chunking.spi.Embedder;

    provides dev.chunking.spi.ChunkingStrategy with
            dev.chunking.strategy.CharacterStrategy,
            dev.chunking.strategy.RecursiveStrategy,
            dev.chunking.strategy.MarkdownStrategy,
            dev.chunking.strategy.HierarchicalStrategy,
            dev.chunking.strategy.SemanticStrategy,
            dev.chunking.strategy.HybridStrategy;
    provides dev.chunking.spi.TokenCounter with
            dev.chunking.strategy.CodePointCounter;
    provides dev.chunking.spi.Embedder with
            dev.chunking.strategy.LexicalEmbedder;
}
