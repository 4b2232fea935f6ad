package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import dev.chunking.testing.Promises;
import dev.chunking.testing.Texts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Sizing in tokens works for any counter, not only the default one. */
class TokenSizingTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    /** A crude word-piece counter: a run of letters or digits is one token, any other non-space code point is one. */
    static final class WordCounter implements TokenCounter {
        @Override
        public String name() {
            return "words";
        }

        @Override
        public int count(CharSequence text) {
            int tokens = 0;
            boolean inWord = false;
            for (int i = 0; i < text.length(); ) {
                int cp = Character.codePointAt(text, i);
                i += Character.charCount(cp);
                boolean word = Character.isLetterOrDigit(cp);
                if (word && !inWord || !word && !Character.isWhitespace(cp)) {
                    tokens++;
                }
                inWord = word;
            }
            return tokens;
        }

        @Override
        public int maxCodePointsPerToken() {
            return 8;
        }
    }

    private static final StrategyRegistry REGISTRY = StrategyRegistry.of(
            List.of(new CharacterStrategy(), new RecursiveStrategy(), new MarkdownStrategy(), new SemanticStrategy(), new HybridStrategy()),
            List.of(new CodePointCounter(), new WordCounter()), List.of(new LexicalEmbedder()));

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown());
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of(CharacterStrategy.NAME, RecursiveStrategy.NAME, MarkdownStrategy.NAME, SemanticStrategy.NAME,
                HybridStrategy.NAME);
    }

    @Property(tries = 800)
    void keepsEveryChunkWithinTheMaxTokensOfAnyCounter(@ForAll("strategies") String strategy, @ForAll("documents") String text,
                                                       @ForAll @IntRange(min = 2, max = 120) int max) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(max).overlap(max / 3).unit(SizeUnit.TOKENS)
                .tokenCounter("words").build();
        List<Chunk> chunks = Chunking.of(REGISTRY, strategy, options).chunk(DOC, text);
        WordCounter counter = new WordCounter();
        Promises.assertKept(text, chunks, options, counter);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.unit()).isEqualTo(SizeUnit.TOKENS);
            assertThat(c.size()).isEqualTo(counter.count(c.text())).isLessThanOrEqualTo(max);
        });
    }

    @Property(tries = 600)
    void cutsCodePointTokensExactlyWhereCharsAreCut(@ForAll("strategies") String strategy, @ForAll("documents") String text,
                                                    @ForAll @IntRange(min = 1, max = 200) int max) {
        ChunkingOptions chars = ChunkingOptions.builder().maxSize(max).overlap(max / 4).build();
        List<Chunk> byChars = Chunking.of(REGISTRY, strategy, chars).chunk(DOC, text);
        List<Chunk> byTokens = Chunking.of(REGISTRY, strategy, chars.toBuilder().unit(SizeUnit.TOKENS).tokenCounter("codepoints").build()).chunk(DOC, text);
        assertThat(byTokens).extracting(Chunk::start, Chunk::end, Chunk::size)
                .isEqualTo(byChars.stream().map(c -> Tuple.of(c.start(), c.end(), c.size()))
                        .map(t -> org.assertj.core.groups.Tuple.tuple(t.get1(), t.get2(), t.get3())).toList());
    }

    /** Counts UTF-8 bytes, as byte-level tokenizers roughly do for CJK. */
    static final class ByteCounter implements TokenCounter {
        @Override
        public String name() {
            return "bytes";
        }

        @Override
        public int count(CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8).length;
        }
    }

    @Property(tries = 400)
    void measuresSizeOverlapAndMinSizeInTokensForAByteCounter(@ForAll("strategies") String strategy, @ForAll("documents") String text,
                                                             @ForAll @IntRange(min = 4, max = 90) int max,
                                                             @ForAll @IntRange(min = 0, max = 100) int overlapPercent) {
        ChunkingOptions options = ChunkingOptions.builder().maxSize(max).overlap((max - 1) * overlapPercent / 100)
                .minSize(max / 3).unit(SizeUnit.TOKENS).tokenCounter("codepoints").build();
        ByteCounter counter = new ByteCounter();
        List<Chunk> chunks = Chunking.of(new CharacterStrategy().name().equals(strategy) ? new CharacterStrategy()
                : new RecursiveStrategy(), options, counter).chunk(DOC, text);
        Promises.assertKept(text, chunks, options, counter);
    }

    @Test
    void overlapsByTokensNotCodePoints() {
        String cjk = "\u6f22\u5b57".repeat(30);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(30).overlap(5).unit(SizeUnit.TOKENS).tokenCounter("codepoints").build();
        List<Chunk> chunks = Chunking.of(new CharacterStrategy(), options, new ByteCounter()).chunk(DOC, cjk);
        assertThat(chunks).extracting(Chunk::size).containsExactly(30, 30, 30, 30, 30, 30, 18);
        for (int i = 1; i < chunks.size(); i++) {
            // 5 tokens of overlap hold one 3-byte character, not five characters
            assertThat(chunks.get(i - 1).end() - chunks.get(i).start()).as("overlap in characters").isEqualTo(1);
        }
    }

    @Test
    void holdsTheMinSizeInTokens() {
        String text = "aaaa bbbb\n\ncccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn";
        ChunkingOptions options = ChunkingOptions.builder().maxSize(10).overlap(0).minSize(8).unit(SizeUnit.TOKENS)
                .tokenCounter("words").build();
        List<Chunk> chunks = Chunking.of(REGISTRY, "recursive", options).chunk(DOC, text);
        // the paragraph break after 2 tokens is below the min size, so the latest word break that fits wins
        assertThat(chunks.get(0).text()).isEqualTo("aaaa bbbb\n\ncccc dddd eeee ffff gggg hhhh iiii jjjj ");
        assertThat(chunks).extracting(Chunk::size).containsExactly(10, 4);
    }

    @Test
    void stepsBackWhenACounterCountsLessForLongerText() {
        TokenCounter odd = new TokenCounter() {
            @Override
            public String name() {
                return "odd";
            }

            @Override
            public int count(CharSequence text) {
                int n = Character.codePointCount(text, 0, text.length());
                return text.toString().endsWith("e") ? Math.max(0, n - 3) : n;
            }
        };
        String text = "abcdefghe\u0301xyz";
        ChunkingOptions options = ChunkingOptions.builder().maxSize(6).overlap(0).unit(SizeUnit.TOKENS).tokenCounter("codepoints").build();
        List<Chunk> chunks = Chunking.of(new CharacterStrategy(), options, odd).chunk(DOC, text);
        Promises.assertKept(text, chunks, options, odd);
        assertThat(chunks).allSatisfy(c -> assertThat(odd.count(c.text())).isLessThanOrEqualTo(6));
    }

    @Test
    void refusesACodePointThatAloneExceedsTheMaxTokens() {
        TokenCounter greedy = new TokenCounter() {
            @Override
            public String name() {
                return "utf8bytes";
            }

            @Override
            public int count(CharSequence text) {
                return text.toString().getBytes(StandardCharsets.UTF_8).length;
            }
        };
        Chunking chunking = Chunking.of(new RecursiveStrategy(),
                ChunkingOptions.builder().maxSize(3).overlap(0).unit(SizeUnit.TOKENS).tokenCounter("codepoints").build(), greedy);
        assertThat(chunking.chunk(DOC, "ab\u00e9")).extracting(Chunk::text).containsExactly("ab", "\u00e9");
        assertThatThrownBy(() -> chunking.chunk(DOC, "ab\ud83d\ude00")).isInstanceOf(ChunkingException.class)
                .hasMessage("the code point at byte offset 2 alone counts more than the max size of 3 tokens; raise the max size (--size)");
    }
}
