package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Utf8Text;
import org.junit.jupiter.api.Test;

/** What ends a paragraph for a {@code hierarchical} parent: a blank line in a chunk's trailing white space. */
class OpenParentTest {
    @Test
    void aChunkEndsAParagraphWhenItsTrailingWhiteSpaceHoldsABlankLine() {
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\n\n"))).isTrue();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\n \t\n  "))).isTrue();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\r\n\r\n"))).isTrue();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\r\r"))).isTrue();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("\n\n"))).isTrue();
    }

    @Test
    void aSingleLineBreakOrABlankLineBeforeTheLastWordEndsNoParagraph() {
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\n"))).isFalse();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\r\n"))).as("CR LF is one line break").isFalse();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\n\nmore"))).isFalse();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.  "))).isFalse();
        assertThat(OpenParent.endsParagraph(Utf8Text.of(""))).isFalse();
        assertThat(OpenParent.endsParagraph(Utf8Text.of("text.\u2028\u2028"))).as("only CR and LF break lines here").isFalse();
    }
}
