package dev.chunking.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import dev.chunking.spi.TokenPieces;
import dev.chunking.testing.Feeds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The pieces of the BPE counters ({@link BpeTokenCounter#pieces()}) keep their promise, so that a
 * chunker adding piece counts sizes exactly as one counting whole ranges: the sum over the pieces
 * of any range is the encoder's count of that range, and chunks are the same either way, however
 * the input is fed.
 */
class TokenPiecesTest {
    private static final StrategyRegistry REGISTRY = StrategyRegistry.load();

    /** Text mixing scripts, cases, contractions, digits, punctuation, marks, emoji and every kind of white space, which the pre-tokenizers treat apart. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> fragments = Arbitraries.of("word", " word", "Word", " WORD", "CamelCase", "don't", " DON'T", "it's", "we'LL",
                "'s", "'", "x'", " ", "  ", "   ", "\t", "\n", "\r\n", "\n\n", " \n ", "\r", "12345", "3.14", "1,000", "\u00bd", "...",
                " (", ")/", "//", "!?", "\u00e9t\u00e9", "e\u0301", "\u0410\u0411\u0412 \u0431\u0432", "\u6f22\u5b57\u304b\u306a",
                "\ud55c\uad6d\uc5b4", "\u0e20\u0e32\u0e29\u0e32", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e2\u05d1\u05e8\u05d9\u05ea",
                "\u0939\u093f\u0928\u094d\u0926\u0940", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\ud83d\udc4d\ud83c\udffd",
                "\u00a0", "\u2028", "\u3000", "\u200b", "\u0085", "\u01c5", "\u02b0", "\u2160", "<|endoftext|>", "\ufffd");
        Arbitrary<String> random = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u024f')
                .withCharRange('\u0300', '\u036f').withCharRange('\u3040', '\u30ff').withChars('\n', '\t', '\r').ofMaxLength(12);
        return Arbitraries.oneOf(fragments, fragments, random).list().ofMaxSize(120).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.of("o200k_base", "p50k_base", "r50k_base");
    }

    /** The sum the promise of {@link TokenPieces} names: the pieces found from the start, then the rest counted whole. */
    private static int pieceWise(TokenCounter counter, String text) {
        TokenPieces pieces = counter.pieces();
        int sum = 0;
        int at = 0;
        while (at < text.length()) {
            int end = pieces.next(text, at, text.length());
            if (end < 0) {
                break;
            }
            assertThat(end).isGreaterThan(at).isLessThanOrEqualTo(text.length());
            assertThat(pieces.reach()).isGreaterThanOrEqualTo(end).isLessThanOrEqualTo(text.length());
            sum += pieces.count(text, at, end);
            at = end;
        }
        return sum + counter.count(text.substring(at));
    }

    @Property(tries = 400)
    void thePiecesOfAnyRangeAddUpToTheEncodersCountOfIt(@ForAll("texts") String text, @ForAll("encodings") String encoding,
                                                       @ForAll @IntRange(max = 10_000) int a, @ForAll @IntRange(max = 10_000) int b) {
        TokenCounter counter = REGISTRY.tokenCounter(encoding);
        int[] cps = text.codePoints().toArray();
        int from = Math.min(a, b) % (cps.length + 1);
        int to = from + Math.abs(a - b) % (cps.length - from + 1);
        String range = new String(cps, from, to - from);
        assertThat(pieceWise(counter, range)).as("%s over %s", encoding, range).isEqualTo(counter.count(range));
    }

    @Property(tries = 100)
    void aPieceIsTheSameInAnyTextThatAgreesUpToItsReach(@ForAll("texts") String text, @ForAll("texts") String other,
                                                        @ForAll @IntRange(max = 10_000) int at) {
        TokenPieces pieces = REGISTRY.tokenCounter("o200k_base").pieces();
        int[] cps = text.codePoints().toArray();
        String prefix = new String(cps, 0, at % (cps.length + 1));
        int from = 0;
        while (from < prefix.length()) {
            int end = pieces.next(text, from, text.length());
            if (end < 0) {
                break;
            }
            int reach = pieces.reach();
            String agreeing = text.substring(0, reach) + other;
            assertThat(pieces.next(agreeing, from, agreeing.length())).as("the piece at %d of %s", from, text).isEqualTo(end);
            assertThat(pieces.reach()).isEqualTo(reach);
            assertThat(pieces.next(text, from, reach)).as("with the limit at its reach").isEqualTo(end);
            from = end;
        }
    }

    /** The o200k_base counter without its pieces: the chunker counts whole ranges, as before pieces existed. */
    private static TokenCounter withoutPieces(TokenCounter counter) {
        return new TokenCounter() {
            @Override
            public String name() {
                return counter.name();
            }

            @Override
            public int count(CharSequence text) {
                return counter.count(text);
            }

            @Override
            public int maxCodePointsPerToken() {
                return counter.maxCodePointsPerToken();
            }
        };
    }

    private static String digest(String strategy, ChunkingOptions options, TokenCounter counter, byte[] utf8, int slice) {
        return Feeds.digestInSlices(Chunking.of(REGISTRY.strategy(strategy), options, counter), utf8, slice);
    }

    @Provide
    Arbitrary<ChunkingOptions> options() {
        return Combinators.combine(Arbitraries.integers().between(6, 160), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 30)).as((max, overlap, min) -> ChunkingOptions.builder().maxSize(max)
                .overlap(Math.min(overlap, max / 2)).minSize(Math.min(min, max / 2)).unit(SizeUnit.TOKENS).tokenCounter("o200k_base").build());
    }

    @Property(tries = 150)
    void chunksAreTheSameWithPiecesAsWithoutThemHoweverTheInputIsFed(@ForAll("texts") String text, @ForAll("options") ChunkingOptions options,
            @ForAll("strategies") String strategy, @ForAll @IntRange(min = 1, max = 64) int slice) {
        TokenCounter o200k = REGISTRY.tokenCounter("o200k_base");
        byte[] utf8 = text.repeat(3).getBytes(StandardCharsets.UTF_8);
        assertThat(digest(strategy, options, o200k, utf8, slice)).as("%s %s", strategy, options)
                .isEqualTo(digest(strategy, options, withoutPieces(o200k), utf8, Math.max(1, utf8.length)));
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of("character", "recursive", "markdown", "semantic");
    }

    @Test
    void onlyTheEncodingsSplitByAnExpressionGivePieces() {
        assertThat(List.of("o200k_base", "p50k_base", "r50k_base")).allSatisfy(name -> assertThat(REGISTRY.tokenCounter(name).pieces()).isNotNull());
        assertThat(REGISTRY.tokenCounter("cl100k_base").pieces()).as("jtokkit splits cl100k_base by hand-written code").isNull();
        assertThat(REGISTRY.tokenCounter("codepoints").pieces()).isNull();
    }

    @Test
    void countsTheMultilingualLocaleTextPieceByPieceAsTheEncoderDoes() {
        String text = LocaleText.text();
        TokenCounter o200k = REGISTRY.tokenCounter("o200k_base");
        assertThat(pieceWise(o200k, text)).isEqualTo(o200k.count(text));
    }
}
