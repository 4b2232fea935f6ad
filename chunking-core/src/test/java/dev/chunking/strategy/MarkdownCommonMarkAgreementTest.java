package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.CommonMarkOutline;
import dev.chunking.testing.MarkdownCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The markdown strategy's heading and code-fence detection against a real CommonMark parser:
 * on every real file of the corpus ({@code src/test/resources/markdown}, see SOURCES.txt
 * there) and at several sizes, each chunk's heading path and level must be those that
 * commonmark-java's top-level outline puts in force at the chunk's start offset (see
 * {@link CommonMarkOutline}).
 */
class MarkdownCommonMarkAgreementTest {
    /** Small sizes start many chunks, at heading lines and inside code blocks alike. */
    private static final int[] MAX_SIZES = {64, 300, 2000};
    /** Mismatches listed in full in a failure message; the rest are only counted. */
    private static final int SHOWN = 20;

    static Stream<Arguments> filesAndSizes() {
        return MarkdownCorpus.names().stream()
                .flatMap(name -> IntStream.of(MAX_SIZES).boxed()
                        .flatMap(max -> Stream.of(Arguments.of(name, max, false), Arguments.of(name, max, true))));
    }

    @ParameterizedTest(name = "{0}, max {1} code points, CR LF {2}")
    @MethodSource("filesAndSizes")
    void headingPathAndLevelOfEveryChunkAgreeWithCommonMark(String name, int maxSize, boolean crlf) {
        String text = crlf ? MarkdownCorpus.read(name).replace("\n", "\r\n") : MarkdownCorpus.read(name);
        List<CommonMarkOutline.Heading> outline = CommonMarkOutline.headings(text);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(maxSize).overlap(0).build();
        List<Chunk> chunks = Chunking.of("markdown", options).chunk(DocumentId.of("doc"), text);
        assertThat(chunks).as("%s at max %d gives chunks", name, maxSize).isNotEmpty();

        List<String> mismatches = new ArrayList<>();
        int count = 0;
        for (Chunk chunk : chunks) {
            List<String> headings = CommonMarkOutline.pathAt(outline, chunk.start());
            int level = CommonMarkOutline.levelAt(outline, chunk.start());
            if (!chunk.metadata().headings().equals(headings) || chunk.metadata().level() != level) {
                count++;
                if (mismatches.size() < SHOWN) {
                    mismatches.add(name + " chunk " + chunk.index() + " at code point " + chunk.start() + " \""
                            + firstChars(chunk.text()) + "\": headings " + chunk.metadata().headings() + " level "
                            + chunk.metadata().level() + ", CommonMark says " + headings + " level " + level);
                }
            }
        }
        assertThat(mismatches).as("%s at max %d: %d of %d chunks disagree with CommonMark (first %d shown)", name, maxSize,
                count, chunks.size(), SHOWN).isEmpty();
    }

    /** The first 80 chars of a chunk, line breaks and tabs made visible. */
    private static String firstChars(String text) {
        String head = text.length() <= 80 ? text : text.substring(0, Character.isHighSurrogate(text.charAt(79)) ? 79 : 80);
        return head.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
