package dev.chunking.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BpeTokenCounterTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    private static Chunking chunking(String strategy, String encoding, int max, int overlap) {
        return Chunking.of(strategy, ChunkingOptions.builder().maxSize(max).overlap(overlap).unit(SizeUnit.TOKENS)
                .tokenCounter(encoding).build());
    }

    /** Checks exact slices, coverage, and sizes and overlaps counted by the encoder itself. */
    private static void assertWithinTokens(String text, List<Chunk> chunks, TokenCounter counter, int max, int overlap) {
        int[] cps = text.codePoints().toArray();
        long previousEnd = 0;
        for (Chunk c : chunks) {
            assertThat(c.text()).isEqualTo(new String(cps, (int) c.start(), (int) (c.end() - c.start())));
            assertThat(c.start()).isLessThanOrEqualTo(previousEnd);
            assertThat(c.size()).isEqualTo(counter.count(c.text())).isLessThanOrEqualTo(max);
            assertThat(counter.count(new String(cps, (int) c.start(), (int) (previousEnd - Math.min(previousEnd, c.start())))))
                    .as("overlap in tokens").isLessThanOrEqualTo(overlap);
            previousEnd = c.end();
        }
        assertThat(previousEnd).isEqualTo(cps.length);
    }

    @Test
    void registersTheFourOpenAiEncodingsByName() {
        assertThat(StrategyRegistry.load().tokenCounters()).extracting(TokenCounter::name)
                .containsExactly("cl100k_base", "codepoints", "o200k_base", "p50k_base", "r50k_base");
        TokenCounter o200k = StrategyRegistry.load().tokenCounter("o200k_base");
        assertThat(o200k.count("Hello, world!")).isEqualTo(4);
        assertThat(o200k.count("<|endoftext|>")).as("special tokens count as text").isGreaterThan(1);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("word ", "tokenization ", "\u00e9t\u00e9 ", "\u6f22\u5b57\u304b\u306a", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69",
                "\n\n", ". ", "\u0410\u0411\u0412 ", "1234567890", "    ", "\u0627\u0644\u0639").list().ofMaxSize(300)
                .map(pieces -> String.join("", pieces));
    }

    @Property(tries = 150)
    void keepsEveryChunkWithinTheEncodersTokenCount(@ForAll("texts") String text, @ForAll @IntRange(min = 4, max = 120) int max,
                                                    @ForAll boolean recursive, @ForAll boolean o200k) {
        String encoding = o200k ? "o200k_base" : "cl100k_base";
        int overlap = max / 5;
        List<Chunk> chunks = chunking(recursive ? "recursive" : "character", encoding, max, overlap).chunk(DOC, text);
        assertWithinTokens(text, chunks, StrategyRegistry.load().tokenCounter(encoding), max, overlap);
    }

    /**
     * Real words of some 200 languages in their own scripts, from the JDK's locale data (see
     * {@link LocaleText}): about 0.5 MB of UTF-8 mixing some 30 scripts with emoji sequences,
     * long comma-separated lists and amounts, chunked at 256 / 32 o200k tokens. On JDK 17 it
     * makes 907 chunks.
     */
    @Test
    void chunksMultilingualTextWithinTheTokenMax() {
        String text = LocaleText.text();
        assertThat(text.codePoints().mapToObj(Character.UnicodeScript::of).distinct())
                .as("the JDK's locale data reaches beyond Latin (a runtime without jdk.localedata would not)")
                .contains(Character.UnicodeScript.HAN, Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.ARABIC,
                        Character.UnicodeScript.DEVANAGARI, Character.UnicodeScript.HANGUL, Character.UnicodeScript.THAI);
        List<Chunk> chunks = chunking("recursive", "o200k_base", 256, 32).chunk(DOC, text);
        assertThat(chunks).hasSizeGreaterThan(500);
        assertWithinTokens(text, chunks, StrategyRegistry.load().tokenCounter("o200k_base"), 256, 32);
    }
}
