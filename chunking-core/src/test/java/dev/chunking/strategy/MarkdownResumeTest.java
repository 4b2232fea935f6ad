package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.Chunker;
import dev.chunking.testing.MarkdownCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The markdown strategy resumed on the real files of the corpus ({@code src/test/resources/markdown}): a run fed in
 * 1-KiB pieces reports a resume point after every piece, and a run resumed from any of them emits exactly the chunks
 * of the uninterrupted run from there on, heading paths, levels and table headers included. The property test
 * ({@code ResumePropertiesTest}) covers generated text; these files have the long sections, tables, nested lists and
 * code blocks that generated text rarely has.
 */
class MarkdownResumeTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final int PIECE = 1024;

    static Stream<Arguments> filesAndOptions() {
        List<ChunkingOptions> options = List.of(
                ChunkingOptions.builder().maxSize(300).overlap(40).build(), // the default min size: small sections merge
                ChunkingOptions.builder().maxSize(1500).overlap(0).minSize(0).parameter("front-matter", "skip").build());
        return MarkdownCorpus.names().stream().flatMap(name -> options.stream().map(o -> Arguments.of(name, o)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("filesAndOptions")
    void aRunResumedFromAnyResumePointEmitsTheRestOfTheUninterruptedRun(String name, ChunkingOptions options) {
        byte[] input = MarkdownCorpus.read(name).getBytes(StandardCharsets.UTF_8);
        Chunking chunking = Chunking.of("markdown", options);
        List<Chunk> whole = new ArrayList<>();
        List<ResumePoint> points = new ArrayList<>();
        try (Chunker chunker = chunking.open(DOC, whole::add)) {
            for (int at = 0; at < input.length; at += PIECE) {
                chunker.feed(input, at, Math.min(PIECE, input.length - at));
                points.add(chunker.resumePoint());
            }
            chunker.finish();
        }
        assertThat(whole).as("%s gives chunks", name).hasSizeGreaterThan(1);
        assertThat(whole).as("%s has headings", name).anyMatch(c -> !c.metadata().headings().isEmpty());

        for (ResumePoint point : points) {
            List<Chunk> resumed = new ArrayList<>(whole.subList(0, (int) point.nextIndex()));
            try (Chunker chunker = chunking.resume(DOC, resumed::add, point)) {
                for (long at = point.byteOffset(); at < input.length; at += PIECE) {
                    chunker.feed(input, (int) at, (int) Math.min(PIECE, input.length - at));
                }
                chunker.finish();
            }
            assertThat(resumed).as("%s resumed at %s", name, point).hasSameSizeAs(whole);
            for (int i = (int) point.nextIndex(); i < whole.size(); i++) {
                assertThat(resumed.get(i).metadata()).as("%s resumed at %s: metadata of chunk %d", name, point, i)
                        .isEqualTo(whole.get(i).metadata());
                assertThat(resumed.get(i)).as("%s resumed at %s: chunk %d", name, point, i).isEqualTo(whole.get(i));
            }
        }
    }
}
