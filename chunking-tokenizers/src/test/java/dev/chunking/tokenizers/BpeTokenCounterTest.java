package dev.chunking.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.XZInputStream;

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

    /**
     * The shared corpus lies beside the repository ({@code ../shared/corpus} from its root) on the
     * development and CI machines; look for it in every parent of the working directory.
     */
    private static Path findCorpus(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("the shared corpus (shared/corpus/" + name + ") is not beside the repository or any parent"
                + " of " + Path.of("").toAbsolutePath() + "; put shared/ beside the clone, as on the CI machine");
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

    @Test
    void chunksTheMultilingualCorpusWithinTheTokenMax() throws IOException {
        Path corpus = findCorpus("multi-10MB.txt.xz");
        String text;
        try (InputStream in = new XZInputStream(Files.newInputStream(corpus))) {
            byte[] head = in.readNBytes(1 << 20);
            text = new String(head, StandardCharsets.UTF_8);
            text = text.substring(0, text.lastIndexOf('\n') + 1); // whole lines, no cut sequence
        }
        List<Chunk> chunks = chunking("recursive", "o200k_base", 256, 32).chunk(DOC, text);
        assertThat(chunks).hasSizeGreaterThan(100);
        assertWithinTokens(text, chunks, StrategyRegistry.load().tokenCounter("o200k_base"), 256, 32);
    }
}
