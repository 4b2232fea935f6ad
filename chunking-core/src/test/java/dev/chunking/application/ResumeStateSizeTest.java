package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import dev.chunking.testing.MarkdownCorpus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A resume point's state is bounded like the chunker's memory, not by the document: over a
 * document many times larger than any lookahead, the largest state in its second half is no
 * larger than a bound set by the options alone.
 */
class ResumeStateSizeTest {
    /**
     * Max size 1000: a held chunk (up to 4 KB), the marks of one window, a batch of 32 sentences with the vectors of
     * the sentences around the pending boundary, 64 distances. The largest seen is about 14 KB (hybrid).
     */
    private static final int BOUND = 48 * 1024;

    private static byte[] document() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (all.size() < 6 * 1024 * 1024) {
            for (String name : MarkdownCorpus.names()) {
                all.writeBytes(MarkdownCorpus.read(name).getBytes(StandardCharsets.UTF_8));
            }
        }
        return all.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"character", "recursive", "markdown", "semantic", "hierarchical", "hybrid"})
    void staysWithinABoundSetByTheOptionsWhateverTheDocumentLength(String strategy) {
        ChunkingOptions.Builder options = ChunkingOptions.builder().maxSize(1000).overlap(100);
        if (strategy.equals("hierarchical")) {
            options.parameter("levels", "2048,512,128");
        } else if (strategy.equals("hybrid")) {
            options.parameter("embedder", "lexical");
        }
        byte[] input = document();
        int firstHalf = 0;
        int secondHalf = 0;
        try (Chunker chunker = Chunking.of(strategy, options.build()).open(DocumentId.of("big"), c -> { })) {
            for (int at = 0; at < input.length; at += 64 * 1024) {
                chunker.feed(input, at, Math.min(64 * 1024, input.length - at));
                int size = chunker.resumePoint().state().length;
                if (at < input.length / 2) {
                    firstHalf = Math.max(firstHalf, size);
                } else {
                    secondHalf = Math.max(secondHalf, size);
                }
            }
            chunker.finish();
        }
        System.out.println(strategy + ": largest state " + firstHalf + " bytes in the first half, " + secondHalf + " in the second");
        assertThat(secondHalf).as("largest state in the second half of %d bytes", input.length).isLessThanOrEqualTo(BOUND);
        if (strategy.equals("character") || strategy.equals("recursive")) {
            // one flag, whether the chunk at the point starts where a cut fell inside a paragraph: header, name and flag
            assertThat(secondHalf).as(strategy + " keeps one flag").isEqualTo(2 + 1 + strategy.length() + 1);
        } else {
            assertThat(secondHalf).as("a structure-aware strategy keeps state").isPositive();
        }
    }
}
