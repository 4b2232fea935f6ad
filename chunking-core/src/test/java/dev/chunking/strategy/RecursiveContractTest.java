package dev.chunking.strategy;

import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.testing.ChunkingStrategyContract;

/** The {@code recursive} strategy keeps the promises of every strategy. */
class RecursiveContractTest extends ChunkingStrategyContract {
    @Override
    protected ChunkingStrategy strategy() {
        return new RecursiveStrategy();
    }
}
