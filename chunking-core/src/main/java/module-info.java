/**
 * The chunking library's core: domain types, the strategy SPI and its registry, the built-in
 * strategies, and the application entry point. Depends on the JDK only.
 */
module dev.chunking.core {
    exports dev.chunking.domain;
    exports dev.chunking.spi;
    exports dev.chunking.strategy;
    exports dev.chunking.application;

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
