package dev.chunking.strategy;

import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.testing.ChunkingStrategyContract;

/** The {@code hybrid} strategy keeps the promises of every strategy. */
class HybridContractTest extends ChunkingStrategyContract {
    @Override
    protected ChunkingStrategy strategy() {
        return new HybridStrategy();
    }
}
