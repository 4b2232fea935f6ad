package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.testing.MarkdownCorpus;
import dev.chunking.testing.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    /** Splits a text at the boundaries the splitter reports, feeding UTF-16 indices as positions. */
    static List<String> sentences(SentenceSplitter splitter, String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            long boundary = splitter.push(cp, i);
            if (boundary >= 0) {
                assertThat(boundary).as("a boundary is reported at the code point just fed").isEqualTo(i);
                result.add(text.substring(start, i));
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start < text.length()) {
            result.add(text.substring(start));
        }
        return result;
    }

    static List<String> sentences(String text) {
        return sentences(new SentenceSplitter(), text);
    }

    /** Code-point indices at which sentences start, feeding UTF-8 byte offsets as positions to show they are the caller's. */
    static List<Integer> starts(SentenceSplitter splitter, String text) {
        List<Integer> result = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        long bytes = 0;
        long previous = -1;
        for (int i = 0; i < cps.length; i++) {
            long boundary = splitter.push(cps[i], bytes);
            if (boundary >= 0) {
                assertThat(boundary).isEqualTo(bytes).isGreaterThan(previous).isPositive();
                previous = boundary;
                result.add(i);
            }
            bytes += Character.toString(cps[i]).getBytes(StandardCharsets.UTF_8).length;
        }
        return result;
    }

    @Test
    void keepsAbbreviationsAndInitialsInsideTheSentence() {
        assertThat(sentences("Dr. Smith arrived. He sat down.")).containsExactly("Dr. Smith arrived. ", "He sat down.");
        assertThat(sentences("Mr. Smith met Mrs. Jones and Prof. Lee. They talked."))
                .containsExactly("Mr. Smith met Mrs. Jones and Prof. Lee. ", "They talked.");
        assertThat(sentences("J. R. R. Tolkien wrote it. Fine.")).containsExactly("J. R. R. Tolkien wrote it. ", "Fine.");
        assertThat(sentences("No. 5 is here. Fig. 3 shows it. See vol. 2.")).containsExactly("No. 5 is here. ", "Fig. 3 shows it. ",
                "See vol. 2.");
        assertThat(sentences("DR. Who arrived. Yes.")).as("case-insensitive").containsExactly("DR. Who arrived. ", "Yes.");
    }

    @Test
    void treatsDottedAbbreviationsAsNeverEndingASentence() {
        assertThat(sentences("Bring tools, e.g. A hammer. Then go.")).containsExactly("Bring tools, e.g. A hammer. ", "Then go.");
        assertThat(sentences("That is, i.e. The end. Or not.")).containsExactly("That is, i.e. The end. ", "Or not.");
        // Documented trade-off: a dotted abbreviation ends in a single letter, like an initial, so "U.S." never ends one.
        assertThat(sentences("I live in the U.S. It is big.")).containsExactly("I live in the U.S. It is big.");
        assertThat(sentences("It starts at 5 p.m. Come early.")).containsExactly("It starts at 5 p.m. Come early.");
    }

    @Test
    void endsASentenceAfterWordsThatOnlyLookLikeAbbreviationsOrInitials() {
        assertThat(sentences("He said don't. Go home.")).containsExactly("He said don't. ", "Go home.");
        assertThat(sentences("Take the 3rd. Then stop.")).containsExactly("Take the 3rd. ", "Then stop.");
        assertThat(sentences("Use an X-ray. Then rest.")).containsExactly("Use an X-ray. ", "Then rest.");
        assertThat(sentences("Visit example.com. Then mail me.")).containsExactly("Visit example.com. ", "Then mail me.");
    }

    @Test
    void neverBreaksInsideNumbersVersionsUrlsOrAddresses() {
        assertThat(sentences("Pi is 3.14 today. Version v1.2.3 is out.")).containsExactly("Pi is 3.14 today. ", "Version v1.2.3 is out.");
        assertThat(sentences("See https://example.com/a.b?x=1. Then mail a@b.com now."))
                .containsExactly("See https://example.com/a.b?x=1. ", "Then mail a@b.com now.");
        assertThat(sentences("Write e.g.x or file.tar.gz and stop")).hasSize(1);
    }

    @Test
    void handlesEllipsesRunsOfTerminatorsAndLowerCaseContinuations() {
        assertThat(sentences("Wait... What? No!")).containsExactly("Wait... ", "What? ", "No!");
        assertThat(sentences("Wait\u2026 What now")).containsExactly("Wait\u2026 ", "What now");
        assertThat(sentences("Wait... what now.")).containsExactly("Wait... what now.");
        assertThat(sentences("Really?! Yes!? Sure.")).containsExactly("Really?! ", "Yes!? ", "Sure.");
        assertThat(sentences("Tools, pens, etc. and more. Done.")).containsExactly("Tools, pens, etc. and more. ", "Done.");
        assertThat(sentences("\"Really?\" she asked.")).containsExactly("\"Really?\" she asked.");
    }

    @Test
    void keepsClosingQuotesAndBracketsWithTheSentenceTheyClose() {
        assertThat(sentences("He said \"Stop.\" Then left.")).containsExactly("He said \"Stop.\" ", "Then left.");
        assertThat(sentences("(See above.) Next one.")).containsExactly("(See above.) ", "Next one.");
        assertThat(sentences("\u201cQuoted.\u201d \u00abNext.\u00bb Last")).containsExactly("\u201cQuoted.\u201d ", "\u00abNext.\u00bb ", "Last");
        assertThat(sentences("It ended. \"New\" one.")).containsExactly("It ended. ", "\"New\" one.");
    }

    @Test
    void breaksAfterChineseTerminatorsWithoutWhitespace() {
        assertThat(sentences("\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002\u6211\u4eec\u53bb\u516c\u56ed\u5427\uff01\u4f60\u5462\uff1f"))
                .containsExactly("\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002", "\u6211\u4eec\u53bb\u516c\u56ed\u5427\uff01", "\u4f60\u5462\uff1f");
        assertThat(sentences("\u597d\u3002 \u4f60\uff1f\uff01\u5bf9")).as("whitespace and runs of terminators stay behind")
                .containsExactly("\u597d\u3002 ", "\u4f60\uff1f\uff01", "\u5bf9");
    }

    @Test
    void breaksAfterJapaneseFullStopsButNotAfterIdeographicCommas() {
        String text = "\u6771\u4eac\u3001\u5927\u962a\u3001\u4eac\u90fd\u306b\u884c\u304d\u307e\u3057\u305f\u3002"
                + "\u300c\u697d\u3057\u304b\u3063\u305f\u3002\u300d\u3068\u3066\u3082\u3002";
        assertThat(sentences(text)).containsExactly("\u6771\u4eac\u3001\u5927\u962a\u3001\u4eac\u90fd\u306b\u884c\u304d\u307e\u3057\u305f\u3002",
                "\u300c\u697d\u3057\u304b\u3063\u305f\u3002\u300d", "\u3068\u3066\u3082\u3002");
    }

    @Test
    void breaksAfterAFullWidthFullStopAndOtherScriptsTerminators() {
        assertThat(sentences("\uff21\uff22\uff23\uff0e\uff24\uff25\uff26\uff0e")).containsExactly("\uff21\uff22\uff23\uff0e", "\uff24\uff25\uff26\uff0e");
        assertThat(sentences("\u092f\u0939 \u0905\u091a\u094d\u091b\u093e \u0939\u0948\u0964 \u0935\u0939 \u091c\u093e\u0924\u093e \u0939\u0948\u0964"))
                .hasSize(2);
        assertThat(sentences("\u0647\u0644 \u0623\u0646\u062a \u0628\u062e\u064a\u0631\u061f \u0646\u0639\u0645.")).hasSize(2);
    }

    @Test
    void endsASentenceAtEveryParagraphBreakEvenWithoutATerminator() {
        assertThat(sentences("Title\n\nFirst paragraph has no end\nbut goes on\n\nNext"))
                .containsExactly("Title\n\n", "First paragraph has no end\nbut goes on\n\n", "Next");
        assertThat(sentences("Dr.\n \t\nWho")).as("after only spaces and tabs").containsExactly("Dr.\n \t\n", "Who");
        assertThat(sentences("one\u2029two")).containsExactly("one\u2029", "two");
        assertThat(sentences("item one\n- item two\n- item three")).hasSize(1);
    }

    @Test
    void countsCarriageReturnLineFeedAsOneLineBreak() {
        assertThat(sentences("One.\r\nTwo\r\n\r\nThree\r\nfour")).containsExactly("One.\r\n", "Two\r\n\r\n", "Three\r\nfour");
        assertThat(sentences("Line one\r\nline two")).hasSize(1);
        assertThat(sentences("Old\r\rMac")).containsExactly("Old\r\r", "Mac");
    }

    @Test
    void movesABoundaryPastCombiningMarksAndJoinersThatCannotStartACluster() {
        assertThat(sentences("End. \u0301Next")).containsExactly("End. \u0301", "Next");
        assertThat(sentences("\u597d\u3002\u0301\u200d\u4f60")).containsExactly("\u597d\u3002\u0301\u200d", "\u4f60");
        assertThat(sentences("Stop.\n\n\ud83c\udffd\ufe0fGo")).containsExactly("Stop.\n\n\ud83c\udffd\ufe0f", "Go");
        assertThat(sentences("Great. \ud83d\udc4d\ud83c\udffd Thanks.")).containsExactly("Great. ", "\ud83d\udc4d\ud83c\udffd Thanks.");
    }

    @Test
    void neverStartsASentenceAtTheFirstCodePointOrAfterOnlyWhitespace() {
        assertThat(sentences("  \n\nHello. World")).containsExactly("  \n\nHello. ", "World");
        assertThat(sentences(". A")).containsExactly(". ", "A");
        assertThat(sentences("\n\n\n")).containsExactly("\n\n\n");
        assertThat(sentences("")).isEmpty();
    }

    @Test
    void startsAfreshAfterReset() {
        SentenceSplitter splitter = new SentenceSplitter();
        assertThat(sentences(splitter, "Unfinished. ")).containsExactly("Unfinished. ");
        splitter.reset();
        assertThat(sentences(splitter, "Next")).as("no boundary at the first code point of the new text").containsExactly("Next");
        sentences(splitter, "Mr");
        splitter.reset();
        assertThat(sentences(splitter, ". Again")).containsExactly(". ", "Again");
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> atom = Arbitraries.of("Hello", "world", "Mr", "Dr", "e.g", "U.S", "etc", "a", "I", "x", "3", "14", ".", ".",
                "!", "?", "\u2026", "\u3002", "\uff01", "\uff1f", "\uff0e", "\u3001", "\u300d", "\"", ")", "\u2019", "'", " ", " ", "  ",
                "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", "\u00a0", "\u3000", "\u2029", "\u2028", "\u0085", "\u0301", "\u0903",
                "\u20dd", "\u200d", "\ufe0f", "\ud83c\udffd", "\udb40\udc67", "\u4eca\u5929", "\u65e5\u672c\u8a9e", "\u3072\u3089",
                "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\ud83c\uddfa\ud83c\uddf8", "\u1100\u1161", "\u0964");
        Arbitrary<String> sentenceLike = atom.list().ofMaxSize(80).map(pieces -> String.join("", pieces));
        return Arbitraries.frequencyOf(Tuple.of(3, sentenceLike), Tuple.of(1, Texts.documents()));
    }

    private static boolean isWhitespace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    private static boolean cannotStartACluster(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    @Property(tries = 1000)
    void reportsStrictlyIncreasingPositionsAtTheCodePointJustFed(@ForAll("texts") String text) {
        List<Integer> starts = starts(new SentenceSplitter(), text);
        assertThat(starts).isSorted().doesNotHaveDuplicates().doesNotContain(0);
    }

    @Property(tries = 1000)
    void startsEverySentenceAtACodePointThatCanStartAGraphemeCluster(@ForAll("texts") String text) {
        int[] cps = text.codePoints().toArray();
        TreeSet<Integer> clusters = GraphemeCursorTest.boundaries(text);
        for (int start : starts(new SentenceSplitter(), text)) {
            assertThat(isWhitespace(cps[start])).as("whitespace U+%04X at %d", cps[start], start).isFalse();
            assertThat(cannotStartACluster(cps[start])).as("mark or joiner U+%04X at %d", cps[start], start).isFalse();
            assertThat(clusters).as("a grapheme cluster boundary").contains(start);
        }
    }

    @Property(tries = 500)
    void findsTheSameBoundariesAfterResetWhateverCameBefore(@ForAll("texts") String before, @ForAll("texts") String text) {
        SentenceSplitter splitter = new SentenceSplitter();
        starts(splitter, before);
        splitter.reset();
        List<Integer> afterReset = starts(splitter, text);
        splitter.reset();
        assertThat(starts(splitter, text)).isEqualTo(afterReset).isEqualTo(starts(new SentenceSplitter(), text));
    }

    @Property(tries = 1000)
    void givesSentencesThatConcatenateToTheTextAndAreNeverBlank(@ForAll("texts") String text) {
        List<String> sentences = sentences(text);
        assertThat(String.join("", sentences)).isEqualTo(text);
        if (sentences.size() > 1) { // a text of whitespace only is one blank sentence
            for (String sentence : sentences) {
                assertThat(sentence.codePoints().anyMatch(cp -> !isWhitespace(cp))).as("'%s' has content", sentence).isTrue();
            }
        }
    }

    /** English technical prose beside the Markdown corpus: see {@code src/test/resources/prose/SOURCES.txt}. */
    private static final List<String> PROSE = List.of("nodejs-errors.md", "nodejs-esm.md", "nodejs-modules.md", "nodejs-stream.md");

    private static String resource(String name) {
        try (InputStream in = SentenceSplitterTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * On real English (technical documentation, with code: the Markdown corpus and the prose
     * files, all committed with their licences), the splitter starts a sentence at
     * most places where the JDK's sentence iterator does. Only the iterator's boundaries after
     * whitespace count: it also breaks inside tokens such as {@code <!--} and before a full
     * stop that precedes a blank line, which no sentence convention wants. Where the two differ,
     * it is mostly by design: the splitter does not break before a lower-case word, nor after
     * initials and abbreviations, and it does break at paragraph breaks without a terminator,
     * which the iterator ignores (so the converse share is low and not checked).
     */
    @Test
    void startsASentenceAtMostPlacesWhereTheJdkSentenceIteratorDoesInRealEnglish() {
        StringBuilder all = new StringBuilder();
        for (String name : MarkdownCorpus.names()) {
            all.append(MarkdownCorpus.read(name)).append("\n\n");
        }
        for (String name : PROSE) {
            all.append(resource("/prose/" + name)).append("\n\n");
        }
        String text = all.toString();
        Set<Integer> ours = new HashSet<>();
        SentenceSplitter splitter = new SentenceSplitter();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (splitter.push(cp, i) >= 0) {
                ours.add(i);
            }
            i += Character.charCount(cp);
        }
        BreakIterator jdk = BreakIterator.getSentenceInstance(Locale.ROOT);
        jdk.setText(text);
        int counted = 0;
        int agreed = 0;
        for (int b = jdk.next(); b != BreakIterator.DONE && b < text.length(); b = jdk.next()) {
            if (Character.isWhitespace(text.charAt(b - 1))) {
                counted++;
                agreed += ours.contains(b) ? 1 : 0;
            }
        }
        assertThat(counted).isGreaterThan(2_500);
        // Measured 0.932 (2,785 of 2,989) on these 1.16 M chars when the text moved into the repository;
        // rust-releases.md (release notes: lists of pull-request titles) agrees least, at 0.83.
        // (0.96 on 4 MiB of Debian documentation before.) 0.92 is about 2.5 standard errors below.
        assertThat(agreed / (double) counted).isGreaterThan(0.92);
    }
}
