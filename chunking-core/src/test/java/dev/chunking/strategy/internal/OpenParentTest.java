package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What ends a paragraph for a {@code hierarchical} parent: a blank line in its trailing white space. */
class OpenParentTest {
    private static boolean endsParagraph(String text) {
        byte[] utf8 = (text + "tail that is not looked at").getBytes(StandardCharsets.UTF_8);
        return OpenParent.endsParagraph(utf8, text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void textEndsAParagraphWhenItsTrailingWhiteSpaceHoldsABlankLine() {
        assertThat(endsParagraph("text.\n\n")).isTrue();
        assertThat(endsParagraph("text.\n \t\n  ")).isTrue();
        assertThat(endsParagraph("text.\r\n\r\n")).isTrue();
        assertThat(endsParagraph("text.\r\r")).isTrue();
        assertThat(endsParagraph("\n\n")).isTrue();
    }

    @Test
    void aSingleLineBreakOrABlankLineBeforeTheLastWordEndsNoParagraph() {
        assertThat(endsParagraph("text.\n")).isFalse();
        assertThat(endsParagraph("text.\r\n")).as("CR LF is one line break").isFalse();
        assertThat(endsParagraph("text.\n\nmore")).isFalse();
        assertThat(endsParagraph("text.  ")).isFalse();
        assertThat(endsParagraph("")).isFalse();
        assertThat(endsParagraph("text.\u2028\u2028")).as("only CR and LF break lines here").isFalse();
    }
}
