package org.example.chunking;

import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.testing.ChunkingStrategyContract;

/**
 * The plugin keeps the promises of every strategy, checked by the library's contract kit (from
 * chunking-core's test-jar): exact slices, size bound, order, feed independence, malformed input.
 */
class LinesContractTest extends ChunkingStrategyContract {
    @Override
    protected ChunkingStrategy strategy() {
        return new LinesStrategy();
    }
}
