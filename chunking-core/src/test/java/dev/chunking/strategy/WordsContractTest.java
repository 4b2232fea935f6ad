package dev.chunking.strategy;

import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.testing.ChunkingStrategyContract;

/** A strategy on {@link TextChunker} keeps the promises of every strategy: the base class does the hard part. */
class WordsContractTest extends ChunkingStrategyContract {
    @Override
    protected ChunkingStrategy strategy() {
        return new WordsOnTextChunker();
    }
}
