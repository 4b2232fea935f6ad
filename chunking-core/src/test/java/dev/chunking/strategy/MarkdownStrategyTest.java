package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.testing.Promises;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples of what {@code markdown} promises beyond the shared properties. */
class MarkdownStrategyTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    private static List<Chunk> chunk(String text, int max) {
        return chunk(text, ChunkingOptions.builder().maxSize(max).overlap(0).build());
    }

    private static List<Chunk> chunk(String text, ChunkingOptions options) {
        List<Chunk> chunks = Chunking.of(MarkdownStrategy.NAME, options).chunk(DOC, text);
        if (!options.parameter("front-matter").orElse("chunk").equals("skip")) {
            Promises.assertKept(text, chunks, options);
        }
        return chunks;
    }

    @Test
    void putsTheHeadingPathInForceAtEachChunkStartOnTheChunk() {
        String text = "# Guide\n\nIntro text.\n\n## Install\n\nRun it.\n\n### Linux\n\nUse apt.\n\n## Use\n\nCall it.\n";
        List<Chunk> chunks = chunk(text, 24);
        assertThat(chunks).extracting(c -> String.join(" > ", c.metadata().headings()) + " @" + c.metadata().level() + ": "
                + c.text().strip()).containsExactly(
                "Guide @1: # Guide\n\nIntro text.",
                "Guide > Install @2: ## Install\n\nRun it.",
                "Guide > Install > Linux @3: ### Linux\n\nUse apt.",
                "Guide > Use @2: ## Use\n\nCall it.");
    }

    @Test
    void prefersToCutBeforeAHeadingOverABlankLineCloserToTheLimit() {
        String text = "# A\n\nshort.\n\n## B\n\none paragraph.\n\nanother one here.\n";
        List<Chunk> chunks = chunk(text, 40);
        assertThat(chunks.get(0).text()).isEqualTo("# A\n\nshort.\n\n");
        assertThat(chunks.get(1).metadata().headings()).containsExactly("A", "B");
    }

    @Test
    void neverTakesAHashLineInsideCodeForAHeading() {
        String text = "# Top\n\n```sh\n# comment\n```\n\n~~~~\n# also code\n~~~\n~~~~\n\n    # indented code\n\ntext\n";
        List<Chunk> chunks = chunk(text, 12);
        assertThat(chunks).allSatisfy(c -> assertThat(c.metadata().headings()).containsExactly("Top"));
    }

    @Test
    void readsSetextHeadingsAndClosingSequences() {
        String text = "Title\n=====\n\nbody\n\nPart ##\n-------\n\nmore\n\n## Closed ##\n\nend\n";
        List<Chunk> chunks = chunk(text, 14);
        assertThat(chunks).extracting(c -> c.metadata().headings()).contains(
                List.of("Title"), List.of("Title", "Part ##"), List.of("Title", "Closed"));
    }

    @Test
    void keepsAFencedCodeBlockWholeWhenItFits() {
        String code = "```java\nint a = 1;\n\nint b = 2;\n```\n";
        String text = "Some words before the code.\n\n" + code + "\nAfter.\n";
        List<Chunk> chunks = chunk(text, code.length() + 2);
        assertThat(chunks).anySatisfy(c -> assertThat(c.text()).startsWith(code));
    }

    @Test
    void splitsALargeTableBetweenRowsRepeatingTheHeaderInMetadata() {
        StringBuilder table = new StringBuilder("| name | value |\n|------|-------|\n");
        for (int i = 0; i < 30; i++) {
            table.append("| row").append(i).append(" | ").append(i * 7).append(" |\n");
        }
        List<Chunk> chunks = chunk("# Data\n\n" + table, 80);
        assertThat(chunks.size()).isGreaterThan(3);
        // the heading alone is under the default min size (80 / 4): it joins the table's first part
        assertThat(chunks.get(0).text()).startsWith("# Data\n\n| name | value |\n|------|-------|\n| row0 |");
        assertThat(chunks.get(0).metadata().headings()).containsExactly("Data");
        for (Chunk c : chunks.subList(1, chunks.size())) {
            assertThat(c.text()).startsWith("| row").endsWith("|\n");
            assertThat(c.metadata().attributes()).containsEntry("tableHeader", "| name | value |\n|------|-------|");
        }
        assertThat(chunks.get(0).metadata().attributes()).doesNotContainKey("tableHeader");
    }

    @Test
    void makesFrontMatterAChunkOfItsOwnOrSkipsIt() {
        String text = "---\ntitle: Hello\ntags: [a, b]\n---\n# Body\n\ntext\n";
        List<Chunk> kept = chunk(text, 1000);
        assertThat(kept).extracting(Chunk::text).containsExactly("---\ntitle: Hello\ntags: [a, b]\n---\n", "# Body\n\ntext\n");
        assertThat(kept.get(0).metadata().attributes()).containsEntry("block", "front-matter");
        assertThat(kept.get(1).metadata().headings()).containsExactly("Body");
        List<Chunk> skipped = chunk(text, ChunkingOptions.builder().maxSize(1000).parameter("front-matter", "skip").build());
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0).index()).isZero();
        assertThat(skipped.get(0).text()).isEqualTo("# Body\n\ntext\n");
        assertThat(skipped.get(0).start()).isEqualTo(34);
    }

    @Test
    void neverLetsTheOverlapReachBackIntoFrontMatter() {
        String text = "---\na: b\n---\n" + "word ".repeat(40);
        List<Chunk> chunks = chunk(text, ChunkingOptions.builder().maxSize(50).overlap(20).build());
        assertThat(chunks.get(1).start()).isEqualTo(13);
    }

    @Test
    void keepsAListItemWholeWhenItFits() {
        String text = "- first item\n  continues here\n\n  with a second paragraph\n- second item\n- third\n";
        List<Chunk> chunks = chunk(text, 60);
        assertThat(chunks.get(0).text()).isEqualTo("- first item\n  continues here\n\n  with a second paragraph\n");
    }

    @Test
    void refusesAnUnknownFrontMatterSetting() {
        ChunkingOptions options = ChunkingOptions.builder().parameter("front-matter", "drop").build();
        assertThatThrownBy(() -> Chunking.of(MarkdownStrategy.NAME, options).chunk(DOC, "x"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("parameter front-matter is 'drop'; use chunk or skip (--front-matter, default chunk)");
    }
}
