package dev.chunking.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Generators of hostile text for property tests: every script and cluster the promises name. */
public final class Texts {
    private Texts() {
    }

    /**
     * Pieces that stress one rule each; concatenated at random they make documents. They include
     * the Indic conjuncts of rule GB9c (Devanagari, Bengali, Gujarati, Malayalam, Oriya, Telugu)
     * and prepended marks, which the grapheme oracle ({@link Promises#graphemeBoundaries}, ICU4J)
     * handles by Unicode 17.0 as the engine does.
     */
    private static final List<String> ATOMS = List.of(
            "word", "Chunking", "a", "42", " ", "  ", "\t", "\n", "\n\n", "\n \n", "\r\n", "\r\n\r\n", "\r", ". ", "? ", "! ",
            ".\" ", "e.g.", "\u0000", "caf\u00e9", "\u00fcber", "na\u00efve", "\u6f22\u5b57", "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3002",
            "\u4e2d\u6587\uff01", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\ud83c\uddfa\ud83c\uddf8",
            "\ud83c\uddeb\ud83c\uddf7\ud83c\udde9", "e\u0301\u0308", "\u0915\u094d\u0937", "\ud83d\udc4d\ud83c\udffd", "\u1100\u1161\u11a8",
            "\ud55c\uad6d\uc5b4", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e9\u05dc\u05d5\u05dd", "\u0e01\u0e33",
            "x\ufe0f", "\u2764\ufe0f", "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f", "\u00a0",
            "\u3000", "\u2028", "\ufeff", "\u0301", "\ud83e\udd37\u200d\u2640\ufe0f", "\u041f\u0440\u0438\u0432\u0435\u0442",
            "\u0915\u0930\u094d\u0923", "\u0995\u09cd\u09b7", "\u0a95\u0acd\u0ab7", "\u0d15\u0d4d\u0d15",
            "\u0b15\u0b4d\u0b37", "\u0c15\u0c4d\u0c37", "\u0915\u094d\u200d\u0937", "\u0600\u0661", "\u200d");

    /**
     * Documents up to a few thousand code points mixing all atoms, random code points, long
     * runs with no separator, and whitespace-only stretches.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> documents() {
        Arbitrary<String> atom = Arbitraries.of(ATOMS);
        Arbitrary<String> codePoint = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(Character::toString);
        Arbitrary<String> run = Arbitraries.of("x", "\u00e9", "\u6f22", "\ud83d\ude00", "e\u0301", " ")
                .flatMap(s -> Arbitraries.integers().between(1, 400).map(s::repeat));
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(12, atom), Tuple.of(3, codePoint), Tuple.of(1, run));
        return piece.list().ofMaxSize(160).map(pieces -> String.join("", pieces));
    }

    /** Markdown pieces: headings of both kinds, fences with {@code #} lines inside, tables, lists, quotes, HTML, front matter. */
    private static final List<String> MARKDOWN = List.of(
            "# Title\n", "## Section \u00e9t\u00e9 ##\n", "### \u6f22\u5b57\n", "#### deep\n", "#\n", "#hashtag\n", "    # indented\n",
            "Setext\n===\n", "Two lines\nof heading\n---\n", "\n", "\n\n", "\r\n", "```\n# not a heading\n```\n",
            "~~~~ java\n# no\n~~~\n~~~~\n", "```\n", "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n", "- item\n", "  continued\n",
            "1. first\n", "> quote\n> # quoted heading\n", "<!-- # comment -->\n", "<div>\n# inside html\n</div>\n",
            "***\n", "---\n", "text with words. ", "caf\u00e9 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 ", "e\u0301",
            "---\ntitle: x\n---\n");

    /**
     * Markdown documents: the Markdown pieces mixed with the hostile atoms.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> markdown() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(MARKDOWN)), Tuple.of(4, Arbitraries.of(ATOMS)));
        return piece.list().ofMaxSize(120).map(pieces -> String.join("", pieces));
    }
}
