package dev.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.testing.CommonMarkOutline.Heading;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CommonMark oracle itself: what counts as a top-level heading, its offset and its text. */
class CommonMarkOutlineTest {

    /** Code-point offset of the first occurrence of {@code line} (written out with its indentation). */
    private static long at(String text, String line) {
        int index = text.indexOf(line);
        assertThat(index).as("test text contains %s", line).isNotNegative();
        return text.codePointCount(0, index);
    }

    private static Heading heading(String text, String line, int level, String title) {
        return new Heading(at(text, line), level, title);
    }

    @Test
    void atxHeadingsDropTheClosingSequenceOnlyWhenItFollowsABlankOrIsTheWholeContent() {
        String text = "# Title #\n## Two ##   \n### Three ###x\n#### Four \\#\n##### Five#\n###### Six #########\n"
                + "# #\n#\n#   #   \n# a # b #\n   ## indented ##\n####### seven\n#nospace\n\n#\tTab\t#\t\n";
        assertThat(CommonMarkOutline.headings(text)).containsExactly(
                heading(text, "# Title #", 1, "Title"),
                heading(text, "## Two", 2, "Two"),
                heading(text, "### Three", 3, "Three ###x"),
                heading(text, "#### Four", 4, "Four \\#"),
                heading(text, "##### Five", 5, "Five#"),
                heading(text, "###### Six", 6, "Six"),
                heading(text, "# #\n", 1, ""),
                heading(text, "#\n#   #", 1, ""),
                heading(text, "#   #   \n", 1, ""),
                heading(text, "# a # b #", 1, "a # b"),
                heading(text, "   ## indented ##", 2, "indented"),
                heading(text, "#\tTab", 1, "Tab"));
    }

    @Test
    void setextHeadingsJoinTheirTrimmedContentLinesAndStartAtTheFirstOne() {
        String text = "Intro para\n\nFirst line\n  second line  \n\tthird\n===\n\nSub *heading*\n---\n\n"
                + "   Indented\n   ==\n\n[ref]: /url\nAfter a definition\n-\n\nNot a heading\n\n---\n";
        assertThat(CommonMarkOutline.headings(text)).containsExactly(
                heading(text, "First line", 1, "First line second line third"),
                heading(text, "Sub *heading*", 2, "Sub *heading*"),
                heading(text, "   Indented", 1, "Indented"),
                heading(text, "After a definition", 2, "After a definition"));
    }

    @Test
    void hashLinesInFencedCodeAreNotHeadings() {
        String text = "# Real\n\n```bash\n# comment\n## also a comment\n```\n\n~~~ python title=\"x\"\n# not a heading\n"
                + "```\n# still in the tilde fence\n~~~\n\n````\n```\n# inside a longer fence\n```\n````\n\n"
                + "  ```\n  # indented fence content\n   ```\n\n## After\n\n``` a`b\n# heading after a non-fence\n\n"
                + "~~~~\n# unclosed fence runs to the end\n~~~\n";
        assertThat(CommonMarkOutline.headings(text)).containsExactly(
                heading(text, "# Real", 1, "Real"),
                heading(text, "## After", 2, "After"),
                heading(text, "# heading after a non-fence", 1, "heading after a non-fence"));
    }

    @Test
    void hashLinesInIndentedCodeAreNotHeadings() {
        String text = "Para\n    # continuation text, not code\n\n    # code\n\t# tab code\n\n# Real\n    # continuation\n";
        assertThat(CommonMarkOutline.headings(text)).containsExactly(heading(text, "# Real", 1, "Real"));
    }

    @Test
    void headingsInBlockQuotesListItemsAndHtmlBlocksAreNotInTheOutline() {
        String text = "> # quoted\n> Quote\n> ===\n\n- # in a list\n- item\n  ## nested in the item\n\n  # after a blank, still in it\n\n"
                + "1. # ordered\n\n> quote\nlazy\n===\n\n<div>\n# in html\n</div>\n\n<!--\n# in a comment\n-->\n"
                + "- item\n# Top\n> quote\n## Second\n";
        assertThat(CommonMarkOutline.headings(text)).containsExactly(
                heading(text, "# Top", 1, "Top"),
                heading(text, "## Second", 2, "Second"));
    }

    @Test
    void offsetsCountCodePointsNotChars() {
        String text = "Intro \ud83d\ude00 with \u00e9moji\n\n# \u00dcberschrift \ud83d\ude00\n\n"
                + "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family\n=====\n\n## \u65e5\u672c\u8a9e ##\n";
        assertThat(CommonMarkOutline.headings(text)).containsExactly(
                new Heading(20, 1, "\u00dcberschrift \ud83d\ude00"),
                new Heading(37, 1, "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family"),
                new Heading(57, 2, "\u65e5\u672c\u8a9e"));
    }

    @Test
    void crLfAndLoneCrEndLines() {
        String text = "# One\r\nText\r\n\r\nTwo\r\n---\r\n\r\n## Three ##\r\n\r\nA\rB\r===\r# Four\r";
        assertThat(CommonMarkOutline.headings(text)).containsExactly(
                new Heading(0, 1, "One"), new Heading(15, 2, "Two"), new Heading(27, 2, "Three"),
                heading(text, "A\rB", 1, "A B"), heading(text, "# Four", 1, "Four"));
    }

    @Test
    void frontMatterIsIgnoredAndKeepsOffsets() {
        String yaml = "---\ntitle: Front \ud83d\ude00\nlayout: x\n---\n# Body\n";
        assertThat(CommonMarkOutline.headings(yaml)).containsExactly(heading(yaml, "# Body", 1, "Body"));
        String dots = "---\r\na: 1\r\n...  \r\nText\n---\n";
        assertThat(CommonMarkOutline.headings(dots)).containsExactly(heading(dots, "Text", 2, "Text"));
        assertThat(CommonMarkOutline.blankFrontMatter(dots)).isEqualTo("   \r\n    \r\n     \r\nText\n---\n");

        String notAtStart = "Intro\n---\n# H\n";
        assertThat(CommonMarkOutline.headings(notAtStart)).extracting(Heading::text).containsExactly("Intro", "H");
        String blankFirst = "\n---\na\n---\n";
        assertThat(CommonMarkOutline.headings(blankFirst)).containsExactly(heading(blankFirst, "a\n", 2, "a"));
        String unclosed = "---\ntitle: x\n\n# H\n";
        assertThat(CommonMarkOutline.blankFrontMatter(unclosed)).isSameAs(unclosed);
        assertThat(CommonMarkOutline.headings(unclosed)).containsExactly(heading(unclosed, "# H", 1, "H"));
    }

    @Test
    void pathAtFollowsLevelJumpsAndLevelAtNamesTheInnermost() {
        String text = "Preface\n\n# A\n\ntext\n\n### C\n\n## B\n\n#### D\n\n# E\n";
        List<Heading> headings = CommonMarkOutline.headings(text);
        long a = at(text, "# A");
        long c = at(text, "### C");
        long b = at(text, "## B");
        long d = at(text, "#### D");
        long e = at(text, "# E");
        assertThat(CommonMarkOutline.pathAt(headings, 0)).isEmpty();
        assertThat(CommonMarkOutline.levelAt(headings, a - 1)).isZero();
        assertThat(CommonMarkOutline.pathAt(headings, a)).containsExactly("A");
        assertThat(CommonMarkOutline.pathAt(headings, a + 5)).containsExactly("A");
        assertThat(CommonMarkOutline.pathAt(headings, c)).containsExactly("A", "C");
        assertThat(CommonMarkOutline.levelAt(headings, c)).isEqualTo(3);
        assertThat(CommonMarkOutline.pathAt(headings, b)).containsExactly("A", "B");
        assertThat(CommonMarkOutline.levelAt(headings, b)).isEqualTo(2);
        assertThat(CommonMarkOutline.pathAt(headings, d)).containsExactly("A", "B", "D");
        assertThat(CommonMarkOutline.levelAt(headings, d)).isEqualTo(4);
        assertThat(CommonMarkOutline.pathAt(headings, e)).containsExactly("E");
        assertThat(CommonMarkOutline.levelAt(headings, text.length())).isEqualTo(1);

        List<Heading> deepFirst = CommonMarkOutline.headings("## X\n# Y\n");
        assertThat(CommonMarkOutline.pathAt(deepFirst, 0)).containsExactly("X");
        assertThat(CommonMarkOutline.levelAt(deepFirst, 0)).isEqualTo(2);
        assertThat(CommonMarkOutline.pathAt(deepFirst, 5)).containsExactly("Y");
    }

    static List<String> corpus() {
        return MarkdownCorpus.names();
    }

    @Test
    void theCorpusHasItsFilesAndEachIsListedInSources() {
        List<String> names = MarkdownCorpus.names();
        assertThat(names).hasSizeGreaterThanOrEqualTo(8);
        String sources = MarkdownCorpus.read("SOURCES.txt");
        for (String name : names) {
            assertThat(sources).as("SOURCES.txt lists %s", name).containsPattern("(?m)^" + Pattern.quote(name) + "$");
        }
        assertThat(CommonMarkOutline.headings(MarkdownCorpus.read("pyenv-bug_report.md")).get(0))
                .isEqualTo(new Heading(104, 3, "Prerequisites")); // after the front matter, not a setext heading made of it
    }

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}\\p{M}\\p{So}\\u200d .,:;()/'?-]*");

    @ParameterizedTest
    @MethodSource("corpus")
    void realFilesGiveHeadingsAtLineStartsWhosePlainTextMatchesTheParsedText(String name) {
        String text = MarkdownCorpus.read(name);
        List<Heading> headings = CommonMarkOutline.headings(text);
        assertThat(headings).as("%s has top-level headings", name).isNotEmpty();
        List<String> parsed = new ArrayList<>();
        Node document = Parser.builder().build().parse(CommonMarkOutline.blankFrontMatter(text));
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof org.commonmark.node.Heading heading) {
                StringBuilder literal = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text textNode) {
                        literal.append(textNode.getLiteral());
                    }

                    @Override
                    public void visit(SoftLineBreak lineBreak) {
                        literal.append(' ');
                    }
                });
                parsed.add(heading.getLevel() + " " + literal);
            }
        }
        assertThat(parsed).hasSameSizeAs(headings);
        long previous = -1;
        for (int i = 0; i < headings.size(); i++) {
            Heading heading = headings.get(i);
            int index = text.offsetByCodePoints(0, Math.toIntExact(heading.startCodePoint()));
            assertThat(index == 0 || text.charAt(index - 1) == '\n' || text.charAt(index - 1) == '\r')
                    .as("%s heading %d starts a line", name, i).isTrue();
            assertThat(heading.startCodePoint()).isGreaterThan(previous);
            assertThat(heading.text()).doesNotContain("\n", "\r");
            if (PLAIN.matcher(heading.text()).matches()) {
                assertThat(heading.level() + " " + heading.text()).as("%s heading %d", name, i).isEqualTo(parsed.get(i));
            }
            previous = heading.startCodePoint();
        }
    }
}
