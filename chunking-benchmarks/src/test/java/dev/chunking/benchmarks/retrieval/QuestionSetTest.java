package dev.chunking.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The committed question set is valid: every range holds its quote, and every document has its licence. */
class QuestionSetTest {
    private static final QuestionSet SET = QuestionSet.load();

    @Test
    void hasFourHundredToEightHundredQuestionsWithUniqueIdsOverSixToTenDocuments() {
        // about 400 questions keep the standard error of a paired difference between two rows near 1.5 points
        assertThat(SET.questions()).hasSizeBetween(400, 800);
        assertThat(SET.documents()).hasSizeBetween(6, 10);
        Set<String> ids = new HashSet<>();
        for (Question q : SET.questions()) {
            assertThat(ids.add(q.id())).as("id %s is unique", q.id()).isTrue();
        }
    }

    @Test
    void noTwoQuestionsShareReferenceText() {
        // a passage answering two questions would weigh twice in every mean
        Map<String, List<Span>> seen = new HashMap<>();
        for (Question q : SET.questions()) {
            List<Span> earlier = seen.computeIfAbsent(q.document(), d -> new ArrayList<>());
            assertThat(Span.overlap(earlier, q.ranges())).as("reference text of %s already answers another question", q.id())
                    .isZero();
            earlier.addAll(q.ranges());
        }
    }

    @Test
    void documentsWeighThreeHundredKilobytesToTwoMegabytesAndMostAreMarkdown() {
        long bytes = 0;
        int markdown = 0;
        for (SourceText doc : SET.documents().values()) {
            bytes += doc.text().getBytes(StandardCharsets.UTF_8).length;
            markdown += doc.name().endsWith(".md") ? 1 : 0;
        }
        assertThat(bytes).isBetween(300_000L, 2_000_000L);
        assertThat(markdown).isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyRangeLiesInItsDocumentAndHoldsExactlyItsQuote() {
        for (Question q : SET.questions()) {
            SourceText doc = SET.documents().get(q.document());
            for (int i = 0; i < q.quotes().size(); i++) {
                Span range = q.ranges().get(i);
                assertThat(range.end()).as("%s range %d", q.id(), i).isLessThanOrEqualTo(doc.codePoints());
                assertThat(range.length()).as("%s range %d", q.id(), i).isPositive();
                assertThat(doc.slice(range)).as("%s range %d", q.id(), i).isEqualTo(q.quotes().get(i));
            }
        }
    }

    @Test
    void theCommittedRangesAreWhatQuestionRangesComputesFromTheQuotes() {
        List<QuestionSet.Draft> drafts = new ArrayList<>();
        for (Question q : SET.questions()) {
            drafts.add(new QuestionSet.Draft(q.id(), q.question(), q.document(), q.quotes(), List.of()));
        }
        assertThat(QuestionRanges.resolve(drafts, SET.documents())).isEqualTo(SET.questions());
    }

    @Test
    void sourcesNamesEveryDocumentWithALicenceFileThatIsCommitted() throws IOException {
        String sources = resource("retrieval/SOURCES.md");
        for (String name : SET.documents().keySet()) {
            String row = sources.lines().filter(l -> l.startsWith("| `documents/" + name + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("SOURCES.md has no row for documents/" + name));
            int at = row.indexOf("`licenses/");
            assertThat(at).as("the row of %s names a licence file", name).isPositive();
            String licence = row.substring(at + 1, row.indexOf('`', at + 1));
            assertThat(resource("retrieval/" + licence)).as(licence).isNotBlank();
        }
    }

    @Test
    void aQuoteThatIsMissingOrAmbiguousIsRefusedNamingTheQuestionAndDocument() {
        SourceText doc = new SourceText("a.md", "one two one three");
        Map<String, SourceText> docs = Map.of("a.md", doc);
        assertThatThrownBy(() -> QuestionRanges.resolve(List.of(new QuestionSet.Draft(null, "Q?", "a.md", List.of("four"),
                List.of())), docs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("question a-01").hasMessageContaining("quote not found in a.md: \"four\"");
        assertThatThrownBy(() -> QuestionRanges.resolve(List.of(new QuestionSet.Draft("x-1", "Q?", "a.md", List.of("one"),
                List.of())), docs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("question x-1").hasMessageContaining("more than once in a.md (at code points 0 and 8)");
        assertThatThrownBy(() -> QuestionRanges.resolve(List.of(new QuestionSet.Draft(null, "Q?", "b.md", List.of("one"),
                List.of())), docs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names document b.md, which is not in documents/");
    }

    @Test
    void rangesCountCodePointsNotUtf16Units() {
        SourceText doc = new SourceText("e.md", "😀 smile and 世界 world");
        assertThat(doc.find("smile")).isEqualTo(new Span(2, 7));
        assertThat(doc.find("world")).isEqualTo(new Span(15, 20));
        assertThat(doc.slice(new Span(0, 1))).isEqualTo("😀");
    }

    @Test
    void aLineWritesBackToTheSameQuestion() {
        Question q = SET.questions().get(0);
        assertThat(QuestionSet.parse(QuestionSet.toLine(q))).containsExactly(q);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = QuestionSetTest.class.getResourceAsStream("/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
