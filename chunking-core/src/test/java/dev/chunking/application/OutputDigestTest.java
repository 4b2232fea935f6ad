package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.testing.RealDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact output of every built-in strategy on the repository's real documents, as one
 * SHA-256 digest per strategy and option set ({@link ChunkDigest}): an optimisation must leave
 * every chunk byte-identical, and a change of output must be deliberate, with the new digests
 * (printed by a failure) committed in {@code digests/outputs.txt} and the reason in the commit.
 * The corpora outside the repository are pinned the same way by the benchmarks' {@code OutputDigests}.
 */
class OutputDigestTest {

    /** The option sets: the defaults, small chunks with overlap and no min size, and sizing in (code point) tokens. */
    private static Map<String, ChunkingOptions> optionSets(String strategy) {
        Map<String, ChunkingOptions> sets = new LinkedHashMap<>();
        ChunkingOptions.Builder defaults = ChunkingOptions.builder();
        ChunkingOptions.Builder small = ChunkingOptions.builder().maxSize(120).overlap(30).minSize(0);
        ChunkingOptions.Builder tokens = ChunkingOptions.builder().maxSize(300).overlap(50).unit(SizeUnit.TOKENS)
                .tokenCounter("codepoints");
        for (ChunkingOptions.Builder b : List.of(defaults, small, tokens)) {
            if (strategy.equals("hierarchical")) {
                b.parameter("levels", b == small ? "480,120" : "2048,512,128").overlap(b == small ? 30 : 0); // as bin/chunk: none
            } else if (strategy.equals("hybrid")) {
                b.parameter("embedder", "lexical");
            }
        }
        sets.put("defaults", defaults.build());
        sets.put("small", small.build());
        sets.put("tokens", tokens.build());
        return sets;
    }


    /** The lines of {@code digests/outputs.txt} this build produces: strategy, option set, chunks, digest. */
    private static List<String> actual() {
        List<String> lines = new ArrayList<>();
        for (String strategy : RealDocuments.STRATEGIES) {
            for (Map.Entry<String, ChunkingOptions> set : optionSets(strategy).entrySet()) {
                lines.add(strategy + " " + set.getKey() + " " + RealDocuments.digest(Chunking.of(strategy, set.getValue())));
            }
        }
        return lines;
    }

    @Test
    void everyStrategyEmitsExactlyThePinnedChunksOnTheRepositorysDocuments() {
        List<String> expected = new String(RealDocuments.read("digests/outputs.txt"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        List<String> actual = actual();
        assertThat(actual).as("chunk digests; if the output changed on purpose, commit these lines in"
                + " chunking-core/src/test/resources/digests/outputs.txt:%n%s", String.join("\n", actual)).isEqualTo(expected);
    }
}
