package dev.chunking.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.ChunkDigest;
import dev.chunking.application.Chunking;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact output of the built-in strategies sized in BPE tokens ({@code o200k_base} and
 * {@code cl100k_base}) on chunking-core's real documents, as one SHA-256 digest per strategy,
 * encoding and option set ({@link ChunkDigest}): making token sizing faster must leave every chunk
 * byte-identical. A deliberate change of output commits the new lines (printed by a failure) in
 * {@code digests/token-outputs.txt}, with the reason in the commit.
 */
class TokenOutputDigestTest {
    private static final List<String> ENCODINGS = List.of("o200k_base", "cl100k_base");

    /** The option sets: typical retrieval chunks (256 tokens, overlap 32), and small ones with a min size, whose searches cut more often. */
    private static List<ChunkingOptions> optionSets(String strategy, String encoding) {
        List<ChunkingOptions> sets = new ArrayList<>();
        ChunkingOptions.Builder typical = ChunkingOptions.builder().maxSize(256).overlap(32).unit(SizeUnit.TOKENS).tokenCounter(encoding);
        ChunkingOptions.Builder small = ChunkingOptions.builder().maxSize(40).overlap(10).minSize(12).unit(SizeUnit.TOKENS)
                .tokenCounter(encoding);
        for (ChunkingOptions.Builder b : List.of(typical, small)) {
            if (strategy.equals("hierarchical")) {
                b.parameter("levels", b == small ? "160,40" : "1024,256,64").overlap(b == small ? 10 : 0);
            } else if (strategy.equals("hybrid")) {
                b.parameter("embedder", "lexical");
            }
            sets.add(b.build());
        }
        return sets;
    }


    /** The lines of {@code digests/token-outputs.txt} this build produces: strategy, encoding, option set, chunks, digest. */
    private static List<String> actual() {
        List<String> lines = new ArrayList<>();
        for (String strategy : RealDocuments.STRATEGIES) {
            for (String encoding : ENCODINGS) {
                List<ChunkingOptions> sets = optionSets(strategy, encoding);
                for (int s = 0; s < sets.size(); s++) {
                    lines.add(strategy + " " + encoding + " " + (s == 0 ? "typical" : "small") + " "
                            + RealDocuments.digest(Chunking.of(strategy, sets.get(s))));
                }
            }
        }
        return lines;
    }

    @Test
    void everyStrategyEmitsExactlyThePinnedChunksInBpeTokens() {
        List<String> expected = new String(RealDocuments.read("digests/token-outputs.txt"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        List<String> actual = actual();
        assertThat(actual).as("chunk digests; if the output changed on purpose, commit these lines in"
                + " chunking-tokenizers/src/test/resources/digests/token-outputs.txt:%n%s", String.join("\n", actual)).isEqualTo(expected);
    }
}
