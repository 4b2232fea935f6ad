package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.testing.ChunkingStrategyContract;

/** The {@code hierarchical} strategy, with one level of the max size, keeps the promises of every strategy. */
class HierarchicalContractTest extends ChunkingStrategyContract {
    @Override
    protected ChunkingStrategy strategy() {
        return new HierarchicalStrategy();
    }

    @Override
    protected ChunkingOptions options(int maxSize) {
        return super.options(maxSize).toBuilder().parameter("levels", Integer.toString(maxSize)).build();
    }
}
