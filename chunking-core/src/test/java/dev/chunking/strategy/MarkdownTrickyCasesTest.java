package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.testing.CommonMarkOutline;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Synthetic Markdown where a line reader easily goes wrong (containers, lazy continuation,
 * HTML blocks, link reference definitions, tabs, long lines): every chunk's heading path must
 * be the one commonmark-java's top-level outline puts in force at its start.
 */
class MarkdownTrickyCasesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "> **Note**\n>\nSection\n-------\n\ntext\n",
        "- item\n\n  ```\n  code\n  ```\nTitle\n-----\n\ntext\n",
        "-\nText\n---\n\nmore\n",
        "- a\n  ```\nb\n  ```\n# H\n\ntext\n",
        "> # H\n<span>\n# in html\n\n# Real\n",
        "See [docs][d].\n\n[d]: https://example.com/docs\n---\n\n# Next\n\ntext\n",
        "[a]: /x\nTitle\n=====\n\nbody\n",
        "-\tfoo\n\n  # H\n\ntext\n",
        "1.\tfoo\n\n   # H\n\ntext\n",
        "- one\n- two\n\n  # nested\n\n# top\n",
        "> quote\nlazy\n===\n\n# After\n",
        "<div>\n# inside\n\n# outside\n",
        "<!--\n# in comment\n-->\n# After comment\n",
        "```\n# code\n```\n\n~~~\n# also\n~~~\n## Two\n",
        "    # indented\n\n# Top\n\n\t# tab code\n",
        "Para\n    # continued\n# Heading\n",
        "* * *\n# After break\nsetext\n===\n",
        "- item\n  ## Indented\n#define X 1\n===\n\ntext\n",
        "> quote\n> # H\nnot lazy\n===\n\ntext\n",
        "[ref]: /x\n    # code\n===\n\ntext\n",
        "| a | b |\n|---|---|\n===\n\n# After\n",
        "| a |\n|---|---|\nrow\n===\n\n# After\n",
        "a | b\n|---||\nrow\n===\n\ntext\n",
        "[ref]: /x\n2) two\n===\n\ntext\n",
        "[ref]: /x\n<custom-tag>\n===\n\ntext\n",
        "[ref]: /x\n[y]: /z\n===\n\ntext\n",
        "> quote\n#define X 1\n2) two\n#define X 1\n    # code\n#define X 1\n===\n\ntext\n",
        "> quote\n<custom-tag>\nx\n===\n\n# After\n",
        "| a | b |\n|---|---|\n2) two\n   ```\n# Title\n\ntext\n",
        "| a | b |\n|---|---|\n<custom-tag>\n# Title\n\ntext\n",
    })
    void headingPathsAgreeWithCommonMark(String text) {
        for (String body : List.of(text, text.replace("\n", "\r\n"))) {
            List<CommonMarkOutline.Heading> outline = CommonMarkOutline.headings(body);
            for (int max : new int[] {3, 8, 1000}) {
                List<Chunk> chunks = Chunking.of(MarkdownStrategy.NAME, ChunkingOptions.builder().maxSize(max).overlap(0).build())
                        .chunk(DocumentId.of("doc"), body);
                for (Chunk c : chunks) {
                    assertThat(c.metadata().headings()).as("chunk %d at %d of %s (max %d)", c.index(), c.start(), body, max)
                            .isEqualTo(CommonMarkOutline.pathAt(outline, c.start()));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!-- ", "<script>"})
    void findsTheEndOfAnHtmlBlockBeyondTheFirst4KiBOfItsLine(String open) {
        String close = open.equals("<!-- ") ? " -->" : "</script>";
        String text = open + "x".repeat(5000) + close + "\n\n# Install\n\nRun make.\n";
        List<Chunk> chunks = Chunking.of(MarkdownStrategy.NAME, ChunkingOptions.builder().maxSize(16).overlap(0).build())
                .chunk(DocumentId.of("doc"), text);
        assertThat(chunks.get(chunks.size() - 1).metadata().headings()).containsExactly("Install");
    }
}
