package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import dev.chunking.testing.Promises;
import dev.chunking.testing.ReferenceChunker;
import dev.chunking.testing.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Promises 1 to 4 of DESIGN.md for the built-in strategies, over generated Unicode text and Markdown. */
class ChunkingPromisesTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of(CharacterStrategy.NAME, RecursiveStrategy.NAME, MarkdownStrategy.NAME, SemanticStrategy.NAME,
                HybridStrategy.NAME);
    }

    @Provide
    Arbitrary<String> plainStrategies() {
        return Arbitraries.of(CharacterStrategy.NAME, CharacterStrategy.NAME + " ends=max", RecursiveStrategy.NAME);
    }

    @Provide
    Arbitrary<ChunkingOptions> options() {
        return Arbitraries.integers().between(1, 300).flatMap(max -> Combinators.combine(
                        Arbitraries.integers().between(0, max - 1), Arbitraries.integers().between(-max / 3 - 1, max))
                .as((overlap, min) -> {
                    // a negative draw leaves the min size at its default, a quarter of the max size
                    ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(max).overlap(overlap);
                    return (min < 0 ? builder : builder.minSize(min / 3)).build();
                }));
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(Texts.documents(), Texts.markdown());
    }

    @Property(tries = 2500)
    void keepsEveryPromiseForAnyTextAndSettings(@ForAll("strategies") String strategy, @ForAll("options") ChunkingOptions options,
                                                @ForAll("documents") String text) {
        List<Chunk> chunks = Chunking.of(strategy, options).chunk(DOC, text);
        Promises.assertKept(text, chunks, options);
        assertThat(chunks).allSatisfy(c -> assertThat(c.strategy()).isEqualTo(strategy));
    }

    @Property(tries = 2500)
    void cutsExactlyWhereThePlainReferenceModelCuts(@ForAll("plainStrategies") String strategy, @ForAll("options") ChunkingOptions options,
                                                    @ForAll("documents") String text) {
        boolean fixed = strategy.endsWith(" ends=max");
        List<long[]> expected = ReferenceChunker.spans(text, options, !fixed, strategy.equals(CharacterStrategy.NAME));
        ChunkingOptions set = fixed ? options.toBuilder().parameter("ends", "max").build() : options;
        List<Chunk> chunks = Chunking.of(strategy.split(" ")[0], set).chunk(DOC, text);
        assertThat(chunks).extracting(c -> c.start() + "-" + c.end())
                .containsExactlyElementsOf(expected.stream().map(span -> span[0] + "-" + span[1]).toList());
    }

    @Property(tries = 1500)
    void emitsIdenticalChunksForAnyByteSplit(@ForAll("strategies") String strategy, @ForAll("options") ChunkingOptions options,
                                             @ForAll("documents") String text, @ForAll long seed) {
        Chunking chunking = Chunking.of(strategy, options);
        List<Chunk> whole = chunking.chunk(DOC, text);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(seed);
        List<Chunk> split = new ArrayList<>();
        try (Chunker chunker = chunking.open(DOC, split::add)) {
            int maxPiece = 1 + random.nextInt(random.nextBoolean() ? 4 : 2000);
            for (int at = 0; at < utf8.length; ) {
                int n = Math.min(utf8.length - at, random.nextInt(maxPiece + 1));
                chunker.feed(utf8, at, n);
                at += n;
            }
            chunker.finish();
        }
        assertThat(split).isEqualTo(whole);
    }

    @Property(tries = 1500)
    void emitsIdenticalChunksForAnyCharSplit(@ForAll("strategies") String strategy, @ForAll("options") ChunkingOptions options,
                                             @ForAll("documents") String text, @ForAll long seed) {
        Chunking chunking = Chunking.of(strategy, options);
        List<Chunk> whole = chunking.chunk(DOC, text);
        Random random = new Random(seed);
        List<Chunk> split = new ArrayList<>();
        try (Chunker chunker = chunking.open(DOC, split::add)) {
            for (int at = 0; at < text.length(); ) {
                int n = Math.min(text.length() - at, random.nextInt(random.nextBoolean() ? 3 : 500));
                chunker.feed(text.subSequence(at, at + n));
                at += n;
            }
            chunker.finish();
        }
        assertThat(split).isEqualTo(whole);
    }
}
