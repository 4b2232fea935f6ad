package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.spi.TokenCounter;

/**
 * The default {@link TokenCounter}, {@code codepoints}: one token per Unicode code point.
 * Immutable and thread-safe.
 */
public final class CodePointCounter implements TokenCounter {
    /** Creates the counter; called by {@link java.util.ServiceLoader}. */
    public CodePointCounter() {
        // stateless
    }

    @Override
    public String name() {
        return ChunkingOptions.DEFAULT_TOKEN_COUNTER;
    }

    @Override
    public int count(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }

    @Override
    public int maxCodePointsPerToken() {
        return 1;
    }
}
