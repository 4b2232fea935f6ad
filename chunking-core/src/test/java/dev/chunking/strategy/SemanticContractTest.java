package dev.chunking.strategy;

import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.testing.ChunkingStrategyContract;

/** The {@code semantic} strategy keeps the promises of every strategy. */
class SemanticContractTest extends ChunkingStrategyContract {
    @Override
    protected ChunkingStrategy strategy() {
        return new SemanticStrategy();
    }
}
