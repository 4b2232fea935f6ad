package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.CommonMarkOutline;
import dev.chunking.testing.Feeds;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The heading path and level of every {@code markdown} chunk agree with commonmark-java's
 * top-level outline on generated documents, whatever the max size and however the bytes are
 * fed. The lines are chosen to reach every shortcut of the line reader: prose that continues
 * or opens a paragraph, rows of {@code =} that underline or do not, {@code #}, backticks and
 * tildes that open nothing, fence bodies with lines that almost close them, blank lines in
 * and out of code, and a last line without a line ending.
 */
class MarkdownOutlinePropertiesTest {
    private static final List<String> LINES = List.of(
            "# Title\n", "## Sub\n", "### Deep\n", "#\n", "#define X 1\n", "#hashtag\n", "  ## Indented\n", "    # code\n",
            "Setext\n", "===\n", "---\n", "==== ====\n", "= not\n", "  ===  \n", "\t===\n", "=== x\n",
            "```\n", "~~~\n", "~~~~ java\n", "  ~~~\n", "    ~~~\n", "   ```\n", "``` x\n", "`code` span\n", "``two``\n",
            "~ tilde\n", "~~ two\n", " ~~~~~\n", "a ~~~ b\n", "\t~~~\n",
            "text with words.\n", "(paren) line\n", "caf\u00e9 au lait\n", "\u6f22\u5b57\u306e\u884c\n", "more text\r\n", "@user, $5?\n",
            "\n", "\n", "\r\n", "   \n", "\t\n",
            "- item\n", "  continued\n", "1. first\n", "> quote\n", "* star\n", "\tindented\n",
            "<div>\n", "</div>\n", "<!-- c -->\n", "| a | b |\n", "|---|---|\n", "a | b\n", "[ref]: /x\n",
            "| a |\n", "|---||\n", "2) two\n", "<custom-tag>\n", "|:-:|--|\n");
    private static final List<String> LAST = List.of("", "tail", "# Last", "===", "~~~", "  ", "\u00e9");

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> body = Arbitraries.of(LINES).list().ofMaxSize(80).map(lines -> String.join("", lines));
        return body.flatMap(b -> Arbitraries.of(LAST).map(last -> b + last));
    }

    @Property(tries = 300)
    void headingPathsAgreeWithCommonMarkForAnyFeedAndSize(@ForAll("documents") String text,
            @ForAll @IntRange(min = 2, max = 400) int maxSize, @ForAll long seed) {
        List<CommonMarkOutline.Heading> outline = CommonMarkOutline.headings(text);
        Chunking chunking = Chunking.of(MarkdownStrategy.NAME, ChunkingOptions.builder().maxSize(maxSize).overlap(0).build());
        List<Chunk> chunks = Feeds.inRandomBytePieces(chunking, DocumentId.of("doc"), text, new Random(seed), 97);
        assertThat(chunks).isEqualTo(chunking.chunk(DocumentId.of("doc"), text));
        for (Chunk c : chunks) {
            assertThat(c.metadata().headings()).as("chunk %d at %d of %s", c.index(), c.start(), text)
                    .isEqualTo(CommonMarkOutline.pathAt(outline, c.start()));
            assertThat(c.metadata().level()).as("level of chunk %d at %d of %s", c.index(), c.start(), text)
                    .isEqualTo(CommonMarkOutline.levelAt(outline, c.start()));
        }
    }
}
