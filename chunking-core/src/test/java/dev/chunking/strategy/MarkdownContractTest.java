package dev.chunking.strategy;

import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.testing.ChunkingStrategyContract;

/** The {@code markdown} strategy keeps the promises of every strategy. */
class MarkdownContractTest extends ChunkingStrategyContract {
    @Override
    protected ChunkingStrategy strategy() {
        return new MarkdownStrategy();
    }
}
