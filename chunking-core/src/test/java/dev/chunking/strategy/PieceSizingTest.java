package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import dev.chunking.spi.TokenPieces;
import dev.chunking.testing.Feeds;
import dev.chunking.testing.Texts;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A counter that gives its pieces ({@link TokenPieces}) sizes chunks exactly as the same counter
 * counting whole ranges: the chunker adds piece counts only where they are the counter's count.
 */
class PieceSizingTest {
    private static final StrategyRegistry REGISTRY = StrategyRegistry.load();

    /** {@link TokenSizingTest.WordCounter} with its pieces: a run of letters or digits, a run of white space, or any other code point. */
    static final class PiecewiseWordCounter implements TokenCounter {
        private final TokenSizingTest.WordCounter words = new TokenSizingTest.WordCounter();

        @Override
        public String name() {
            return "words";
        }

        @Override
        public int count(CharSequence text) {
            return words.count(text);
        }

        @Override
        public int maxCodePointsPerToken() {
            return words.maxCodePointsPerToken();
        }

        @Override
        public TokenPieces pieces() {
            return new TokenPieces() {
                private int reach;

                @Override
                public int next(CharSequence text, int from, int limit) {
                    int cp = Character.codePointAt(text, from);
                    int end = from + Character.charCount(cp);
                    int kind = kind(cp);
                    if (kind == 0) {
                        reach = end;
                        return end; // any other code point is a piece of its own
                    }
                    while (end < limit) {
                        int next = Character.codePointAt(text, end);
                        if (kind(next) != kind) {
                            reach = end + 1; // the run ends where a code point of another kind was seen
                            return end;
                        }
                        end += Character.charCount(next);
                    }
                    return -1; // the run reaches the limit: more text could lengthen it
                }

                @Override
                public int reach() {
                    return reach;
                }

                @Override
                public int count(CharSequence text, int from, int to) {
                    return words.count(text.subSequence(from, to));
                }
            };
        }

        private static int kind(int cp) {
            return Character.isLetterOrDigit(cp) ? 1 : Character.isWhitespace(cp) ? 2 : 0;
        }
    }

    private static String digest(String strategy, ChunkingOptions options, TokenCounter counter, byte[] utf8, int slice) {
        return Feeds.digestInSlices(Chunking.of(REGISTRY.strategy(strategy), options, counter), utf8, slice);
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown());
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of("character", "recursive", "markdown", "semantic", "hybrid");
    }

    @Property(tries = 200)
    void chunksAreTheSameWithPiecesAsWithoutThemHoweverTheInputIsFed(@ForAll("documents") String text, @ForAll("strategies") String strategy,
            @ForAll @IntRange(min = 3, max = 60) int max, @ForAll @IntRange(max = 20) int overlap, @ForAll @IntRange(max = 20) int min,
            @ForAll @IntRange(min = 1, max = 50) int slice) {
        ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(max).overlap(Math.min(overlap, max / 2)).minSize(Math.min(min, max / 2))
                .unit(SizeUnit.TOKENS).tokenCounter("words");
        if (strategy.equals("hybrid")) {
            builder.parameter("embedder", "lexical");
        }
        ChunkingOptions options = builder.build();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(digest(strategy, options, new PiecewiseWordCounter(), utf8, slice)).as("%s %s", strategy, options)
                .isEqualTo(digest(strategy, options, new TokenSizingTest.WordCounter() /* the same counter without its pieces */, utf8, Math.max(1, utf8.length)));
    }
}
