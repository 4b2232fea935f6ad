package dev.chunking.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes deterministic synthetic documents for {@link SyntheticCorpus}: English-like Markdown
 * (topics with their own vocabulary, so {@code semantic} finds shifts; ATX and setext headings,
 * wrapped and unwrapped paragraphs, lists, fenced code with {@code #} lines, tables, quotes,
 * abbreviations and decimal numbers for the sentence rules) and multilingual Markdown (sections in
 * Japanese, Chinese, Korean, Thai, Russian, Ukrainian, Greek, Arabic, Hebrew, Hindi, French,
 * German, Spanish, Turkish and Vietnamese, with emoji ZWJ sequences, skin tones, flags, keycaps
 * and combining marks). The word lists are made up for this class; no text is copied from
 * anywhere. The random numbers come from SplitMix64, fully defined here, so a seed gives the
 * same bytes on every JVM. Not thread-safe: one instance writes one document.
 */
final class SyntheticText {
    private static final String FUNCTION_WORDS = "the|a|of|to|in|and|with|for|on|by|from|that|this|when|while|before|after|each"
            + "|every|its|their|is|are|can|must|should|not|only|also|then|into|over|under|between";
    /** Topics: nouns, then verbs, then adjectives, each separated by {@code /}. */
    private static final List<String[][]> TOPICS = List.of(
            topic("disk|block|file|page|buffer|cache|checkpoint|journal|segment|index|volume|snapshot|record|offset|table",
                    "writes|reads|flushes|stores|compacts|replays|syncs|allocates|truncates|verifies",
                    "durable|sequential|dirty|stale|compressed|aligned|sparse|atomic"),
            topic("socket|packet|server|client|connection|timeout|header|request|response|proxy|route|port|stream|handshake",
                    "sends|receives|retries|closes|opens|forwards|resolves|negotiates|drops|accepts",
                    "secure|idle|remote|slow|encrypted|pooled|blocking|keep-alive"),
            topic("word|sentence|paragraph|character|grapheme|token|heading|chunk|document|encoding|script|boundary|line|language",
                    "splits|counts|decodes|normalises|merges|breaks|scans|joins|trims|measures",
                    "multilingual|wide|ambiguous|plain|combined|overlapping|nested|empty"),
            topic("bread|flour|oven|dough|salt|butter|recipe|kitchen|spoon|onion|garlic|pan|soup|pepper",
                    "bakes|stirs|slices|boils|tastes|serves|kneads|roasts|chops|seasons",
                    "warm|golden|fresh|crisp|sweet|bitter|smoky|tender"),
            topic("star|planet|orbit|telescope|galaxy|comet|moon|light|eclipse|nebula|mirror|horizon|season|tide",
                    "observes|rotates|reflects|measures|orbits|dims|rises|sets|tracks|crosses",
                    "distant|bright|faint|massive|cold|northern|elliptical|visible"),
            topic("river|valley|forest|bridge|village|harbour|road|mountain|field|garden|wall|market|castle|island",
                    "floods|crosses|shelters|borders|feeds|divides|surrounds|connects|faces|protects",
                    "ancient|narrow|green|rocky|quiet|crowded|sunny|misty"));
    private static final List<String> EMOJI = List.of(
            "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66", "\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb",
            "\ud83c\udff3\ufe0f\u200d\ud83c\udf08", "\ud83e\uddd1\ud83c\udfff\u200d\ud83e\udd1d\u200d\ud83e\uddd1\ud83c\udffb",
            "\ud83c\uddef\ud83c\uddf5", "\ud83c\uddfa\ud83c\udde6", "\ud83c\uddf8\ud83c\udde6", "\ud83d\udc4b\ud83c\udffe", "1\ufe0f\u20e3",
            "\u2764\ufe0f\u200d\ud83d\udd25", "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f",
            "\ud83d\ude00", "\ud83d\udc69\u200d\u2764\ufe0f\u200d\ud83d\udc8b\u200d\ud83d\udc68", "\ud83e\udd37\u200d\u2640\ufe0f");
    private static final List<Language> LANGUAGES = List.of(
            new Language("ja", false, "\u3002", "\u3001", "", "\u30c7\u30fc\u30bf|\u6587\u66f8|\u5206\u5272|\u51e6\u7406|\u691c\u7d22|\u6587\u5b57"
                    + "|\u65e5\u672c\u8a9e|\u6771\u4eac|\u901f\u5ea6|\u7d50\u679c|\u8a2d\u5b9a|\u95a2\u6570|\u30d5\u30a1\u30a4\u30eb|\u6bb5\u843d"
                    + "|\u898b\u51fa\u3057|\u6642\u9593|\u65b9\u6cd5|\u554f\u984c|\u4e16\u754c|\u8a00\u8449|\u306f|\u3092|\u306b|\u306e|\u304c|\u3068"
                    + "|\u3067|\u3057\u307e\u3059|\u3067\u3059|\u3067\u304d\u307e\u3059|\u4f8b\u3048\u3070|\u307e\u305f|\u3057\u304b\u3057"),
            new Language("zh", false, "\u3002", "\uff0c", "", "\u6570\u636e|\u6587\u6863|\u5206\u5757|\u5904\u7406|\u641c\u7d22|\u5b57\u7b26"
                    + "|\u4e2d\u6587|\u5317\u4eac|\u901f\u5ea6|\u7ed3\u679c|\u8bbe\u7f6e|\u51fd\u6570|\u6587\u4ef6|\u6bb5\u843d|\u6807\u9898"
                    + "|\u65f6\u95f4|\u65b9\u6cd5|\u95ee\u9898|\u4e16\u754c|\u8bed\u8a00|\u6211\u4eec|\u53ef\u4ee5|\u7684|\u662f|\u5728|\u548c|\u4e86"
                    + "|\u8fd9\u4e2a|\u4e00\u4e2a|\u4f8b\u5982|\u4f46\u662f|\u56e0\u4e3a"),
            new Language("ko", true, ".", ",", " ", "\ub370\uc774\ud130|\ubb38\uc11c|\ubd84\ud560|\ucc98\ub9ac|\uac80\uc0c9|\ubb38\uc790"
                    + "|\ud55c\uad6d\uc5b4|\uc11c\uc6b8|\uc18d\ub3c4|\uacb0\uacfc|\uc124\uc815|\ud568\uc218|\ud30c\uc77c|\ubb38\ub2e8|\uc81c\ubaa9"
                    + "|\uc2dc\uac04|\ubc29\ubc95|\ubb38\uc81c|\uc138\uacc4|\uc5b8\uc5b4|\uc6b0\ub9ac\ub294|\uadf8\ub9ac\uace0|\ud569\ub2c8\ub2e4"
                    + "|\uc788\uc2b5\ub2c8\ub2e4"),
            new Language("th", false, "", "", " ", "\u0e02\u0e49\u0e2d\u0e21\u0e39\u0e25|\u0e40\u0e2d\u0e01\u0e2a\u0e32\u0e23"
                    + "|\u0e01\u0e32\u0e23\u0e41\u0e1a\u0e48\u0e07|\u0e01\u0e32\u0e23\u0e04\u0e49\u0e19\u0e2b\u0e32|\u0e15\u0e31\u0e27\u0e2d\u0e31\u0e01\u0e29\u0e23"
                    + "|\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22|\u0e1c\u0e25\u0e25\u0e31\u0e1e\u0e18\u0e4c|\u0e44\u0e1f\u0e25\u0e4c|\u0e40\u0e27\u0e25\u0e32"
                    + "|\u0e40\u0e23\u0e32|\u0e41\u0e25\u0e30|\u0e19\u0e35\u0e49|\u0e02\u0e2d\u0e07|\u0e43\u0e19|\u0e17\u0e35\u0e48|\u0e01\u0e31\u0e1a|\u0e44\u0e14\u0e49"),
            new Language("ru", true, ".", ",", " ", "\u0434\u0430\u043d\u043d\u044b\u0435|\u0434\u043e\u043a\u0443\u043c\u0435\u043d\u0442"
                    + "|\u0440\u0430\u0437\u0431\u0438\u0435\u043d\u0438\u0435|\u043e\u0431\u0440\u0430\u0431\u043e\u0442\u043a\u0430|\u043f\u043e\u0438\u0441\u043a"
                    + "|\u0441\u0438\u043c\u0432\u043e\u043b|\u041c\u043e\u0441\u043a\u0432\u0430|\u0440\u0435\u0437\u0443\u043b\u044c\u0442\u0430\u0442"
                    + "|\u0444\u0430\u0439\u043b|\u0430\u0431\u0437\u0430\u0446|\u0432\u0440\u0435\u043c\u044f|\u044f\u0437\u044b\u043a|\u0442\u0435\u043a\u0441\u0442"
                    + "|\u043c\u044b|\u0438|\u044d\u0442\u043e|\u0434\u043b\u044f|\u0432|\u043d\u0430|\u043d\u0435|\u0447\u0442\u043e|\u043a\u0430\u043a"
                    + "|\u0431\u044b\u0441\u0442\u0440\u043e|\u043c\u043e\u0436\u043d\u043e|\u0451\u0436"),
            new Language("uk", true, ".", ",", " ", "\u0434\u0430\u043d\u0456|\u0434\u043e\u043a\u0443\u043c\u0435\u043d\u0442"
                    + "|\u043f\u043e\u0434\u0456\u043b|\u043e\u0431\u0440\u043e\u0431\u043a\u0430|\u043f\u043e\u0448\u0443\u043a|\u041a\u0438\u0457\u0432"
                    + "|\u0440\u0435\u0437\u0443\u043b\u044c\u0442\u0430\u0442|\u0444\u0430\u0439\u043b|\u0430\u0431\u0437\u0430\u0446|\u0447\u0430\u0441"
                    + "|\u043c\u043e\u0432\u0430|\u043c\u0438|\u0456|\u0446\u0435|\u0434\u043b\u044f|\u0432|\u043d\u0430|\u0449\u043e|\u0457\u0436\u0430\u043a"
                    + "|\u0491\u0430\u043d\u043e\u043a|\u0454\u0434\u043d\u0456\u0441\u0442\u044c"),
            new Language("el", true, ".", ",", " ", "\u03b4\u03b5\u03b4\u03bf\u03bc\u03ad\u03bd\u03b1|\u03ad\u03b3\u03b3\u03c1\u03b1\u03c6\u03bf"
                    + "|\u03b1\u03bd\u03b1\u03b6\u03ae\u03c4\u03b7\u03c3\u03b7|\u0391\u03b8\u03ae\u03bd\u03b1|\u03b1\u03c1\u03c7\u03b5\u03af\u03bf"
                    + "|\u03c7\u03c1\u03cc\u03bd\u03bf\u03c2|\u03b3\u03bb\u03ce\u03c3\u03c3\u03b1|\u03ba\u03b1\u03b9|\u03b1\u03c5\u03c4\u03cc|\u03c4\u03bf\u03c5"
                    + "|\u03c3\u03c4\u03bf|\u03bc\u03b5|\u03ba\u03b5\u03af\u03bc\u03b5\u03bd\u03bf"),
            new Language("ar", true, ".", "\u060c", " ", "\u0627\u0644\u0628\u064a\u0627\u0646\u0627\u062a|\u0627\u0644\u0645\u0633\u062a\u0646\u062f"
                    + "|\u062a\u0642\u0633\u064a\u0645|\u0645\u0639\u0627\u0644\u062c\u0629|\u0627\u0644\u0628\u062d\u062b|\u062d\u0631\u0641"
                    + "|\u0627\u0644\u0639\u0631\u0628\u064a\u0629|\u0627\u0644\u0642\u0627\u0647\u0631\u0629|\u0627\u0644\u0646\u062a\u064a\u062c\u0629"
                    + "|\u0645\u0644\u0641|\u0641\u0642\u0631\u0629|\u0639\u0646\u0648\u0627\u0646|\u0627\u0644\u0648\u0642\u062a|\u0627\u0644\u0644\u063a\u0629"
                    + "|\u0646\u062d\u0646|\u0648|\u0647\u0630\u0627|\u0641\u064a|\u0639\u0644\u0649|\u0645\u0646|\u0625\u0644\u0649|\u0645\u0639"
                    + "|\u0627\u0644\u0646\u0635|\u064a\u0645\u0643\u0646|\u0643\u064f\u062a\u064f\u0628"),
            new Language("he", true, ".", ",", " ", "\u05e0\u05ea\u05d5\u05e0\u05d9\u05dd|\u05de\u05e1\u05de\u05da|\u05d7\u05dc\u05d5\u05e7\u05d4"
                    + "|\u05d7\u05d9\u05e4\u05d5\u05e9|\u05e2\u05d1\u05e8\u05d9\u05ea|\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd|\u05e7\u05d5\u05d1\u05e5"
                    + "|\u05e4\u05e1\u05e7\u05d4|\u05d6\u05de\u05df|\u05e9\u05e4\u05d4|\u05d0\u05e0\u05d7\u05e0\u05d5|\u05d6\u05d4|\u05e9\u05dc"
                    + "|\u05e2\u05dc|\u05e2\u05dd|\u05d8\u05e7\u05e1\u05d8"),
            new Language("hi", true, "\u0964", ",", " ", "\u0921\u0947\u091f\u093e|\u0926\u0938\u094d\u0924\u093e\u0935\u0947\u091c\u093c"
                    + "|\u0935\u093f\u092d\u093e\u091c\u0928|\u0916\u094b\u091c|\u0905\u0915\u094d\u0937\u0930|\u0939\u093f\u0902\u0926\u0940"
                    + "|\u0926\u093f\u0932\u094d\u0932\u0940|\u092a\u0930\u093f\u0923\u093e\u092e|\u092b\u093c\u093e\u0907\u0932|\u0938\u092e\u092f"
                    + "|\u092d\u093e\u0937\u093e|\u0939\u092e|\u0914\u0930|\u092f\u0939|\u0915\u0947|\u092e\u0947\u0902|\u0938\u0947|\u092a\u0930|\u0939\u0948"
                    + "|\u0915\u094d\u0937\u0947\u0924\u094d\u0930|\u091c\u094d\u091e\u093e\u0928"),
            new Language("fr", true, ".", ",", " ", "les|donn\u00e9es|syst\u00e8me|tr\u00e8s|\u00e0|o\u00f9|\u00e9t\u00e9|premi\u00e8re"
                    + "|fen\u00eatre|gar\u00e7on|c\u0153ur|na\u00efve|No\u00ebl|cafe\u0301|Paris|texte|d\u00e9coupage|recherche|r\u00e9sultat"
                    + "|fichier|paragraphe|titre|et|de|la|le|pour|avec|dans|est"),
            new Language("de", true, ".", ",", " ", "Daten|\u00dcbersicht|gr\u00f6\u00dfer|Stra\u00dfe|sch\u00f6n|Dokument|Teilung"
                    + "|Verarbeitung|Suche|Zeichen|Ergebnis|Datei|Absatz|\u00dcberschrift|Zeit|Sprache|wir|und|das|der|die|mit"
                    + "|f\u00fcr|ist|nicht|\u00c4pfel|\u00f6ffnen"),
            new Language("es", true, ".", ",", " ", "datos|documento|divisi\u00f3n|b\u00fasqueda|car\u00e1cter|espa\u00f1ol|Madrid"
                    + "|resultado|archivo|p\u00e1rrafo|t\u00edtulo|tiempo|idioma|nosotros|y|esto|de|en|con|para|ni\u00f1o|a\u00f1o"),
            new Language("tr", true, ".", ",", " ", "veri|belge|b\u00f6lme|i\u015fleme|arama|karakter|T\u00fcrk\u00e7e|\u0130stanbul"
                    + "|sonu\u00e7|dosya|paragraf|ba\u015fl\u0131k|zaman|dil|biz|ve|bu|i\u00e7in|ile|\u0131\u011fd\u0131r|\u015fehir"
                    + "|g\u00fczel|\u00e7ok|de\u011fil"),
            new Language("vi", true, ".", ",", " ", "d\u1eef li\u1ec7u|t\u00e0i li\u1ec7u|ph\u00e2n chia|x\u1eed l\u00fd|t\u00ecm ki\u1ebfm"
                    + "|k\u00fd t\u1ef1|Ti\u1ebfng Vi\u1ec7t|H\u00e0 N\u1ed9i|k\u1ebft qu\u1ea3|t\u1ec7p|\u0111o\u1ea1n v\u0103n|ti\u00eau \u0111\u1ec1"
                    + "|th\u1eddi gian|ng\u00f4n ng\u1eef|ch\u00fang t\u00f4i|v\u00e0|n\u00e0y|c\u1ee7a|trong|v\u1edbi|v\u0103n b\u1ea3n|\u0111\u01b0\u1ee3c"));

    /** One language of the multilingual text: its words and punctuation. */
    private record Language(String tag, boolean spaced, String stop, String comma, String sentenceGap, String words) {
        String[] list() {
            return words.split("\\|");
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final String[] function = FUNCTION_WORDS.split("\\|");
    private long state;
    private long bytes;

    /**
     * Starts a document.
     *
     * @param seed the random seed; the same seed gives the same text
     */
    SyntheticText(long seed) {
        this.state = seed;
    }

    private static String[][] topic(String nouns, String verbs, String adjectives) {
        return new String[][] {nouns.split("\\|"), verbs.split("\\|"), adjectives.split("\\|")};
    }

    /** SplitMix64: a full-period 64-bit generator, defined here so no JDK version can change it. */
    private long next() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A number in [0, bound). */
    private int below(int bound) {
        return (int) Long.remainderUnsigned(next(), bound);
    }

    /** True with the given percentage. */
    private boolean percent(int p) {
        return below(100) < p;
    }

    /** An element, the first ones more often (roughly Zipf-like). */
    private String pick(String[] words) {
        int a = below(words.length);
        int b = below(words.length);
        return words[Math.min(a, b)];
    }

    private SyntheticText append(String s) {
        out.append(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return this;
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /**
     * English-like Markdown of whole lines, up to the given size.
     *
     * @param maxBytes the most UTF-8 bytes
     * @return the text, ending in a line feed, within a few KiB of {@code maxBytes}
     */
    byte[] english(int maxBytes) {
        while (bytes < maxBytes) {
            String[][] topic = TOPICS.get(below(TOPICS.size()));
            append("# ").append(capitalise(pick(topic[2]))).append(" ").append(pick(topic[0])).append(" notes\n\n");
            for (int section = 0, sections = 3 + below(6); section < sections && bytes < maxBytes; section++) {
                topic = percent(70) ? topic : TOPICS.get(below(TOPICS.size()));
                englishSection(topic);
            }
        }
        return cut(maxBytes);
    }

    private void englishSection(String[][] topic) {
        String title = capitalise(pick(topic[0])) + " " + pick(function) + " " + pick(topic[0]);
        if (percent(20)) {
            append(title).append("\n").append((percent(50) ? "=" : "-").repeat(title.length())).append("\n\n");
        } else {
            append(percent(70) ? "## " : "### ").append(title).append("\n\n");
        }
        for (int block = 0, blocks = 2 + below(6); block < blocks; block++) {
            int kind = below(100);
            if (kind < 60) {
                paragraph(topic);
            } else if (kind < 72) {
                for (int i = 0, items = 2 + below(5); i < items; i++) {
                    append(percent(30) ? (i + 1) + ". " : percent(20) ? "  - " : "- ").append(sentence(topic)).append("\n");
                }
                append("\n");
            } else if (kind < 84) {
                code(topic);
            } else if (kind < 92) {
                append("| ").append(pick(topic[0])).append(" | count | note |\n|---|--:|---|\n");
                for (int i = 0, rows = 2 + below(6); i < rows; i++) {
                    append("| ").append(pick(topic[0])).append(" | ").append(Integer.toString(below(100_000))).append(" | ")
                            .append(pick(topic[2])).append(" |\n");
                }
                append("\n");
            } else {
                append("> ").append(sentence(topic)).append(" ").append(sentence(topic)).append("\n\n");
            }
        }
    }

    private void paragraph(String[][] topic) {
        boolean wrap = percent(70);
        int column = 0;
        for (int i = 0, n = 2 + below(7); i < n; i++) {
            String sentence = sentence(topic);
            for (String word : sentence.split(" ")) {
                if (column > 0 && wrap && column + word.length() > 72 + below(8)) {
                    append("\n");
                    column = 0;
                } else if (column > 0) {
                    append(" ");
                    column++;
                }
                append(word);
                column += word.length();
            }
        }
        append("\n\n");
    }

    private String sentence(String[][] topic) {
        StringBuilder s = new StringBuilder();
        s.append(pick(function)).append(' ');
        if (percent(40)) {
            s.append(pick(topic[2])).append(' ');
        }
        s.append(pick(topic[0])).append(' ').append(pick(topic[1]));
        for (int i = 0, n = below(4); i < n; i++) {
            s.append(' ').append(pick(function)).append(' ').append(percent(30) ? pick(topic[2]) + " " : "").append(pick(topic[0]));
        }
        int extra = below(100);
        if (extra < 8) {
            s.append(", e.g. the ").append(pick(topic[0]));
        } else if (extra < 14) {
            s.append(" in ").append(below(10)).append('.').append(below(100)).append(" ms");
        } else if (extra < 19) {
            s.append(" (see `").append(pick(topic[1])).append("()`)");
        } else if (extra < 23) {
            s.append(", as Dr. Brown of the U.S. team said");
        } else if (extra < 27) {
            s.append(" [").append(pick(topic[0])).append("](https://example.org/").append(pick(topic[0])).append(')');
        } else if (extra < 31) {
            s.append(", while the ").append(pick(topic[0])).append(' ').append(pick(topic[1]));
        }
        int end = below(100);
        s.append(end < 85 ? "." : end < 93 ? "?" : end < 97 ? "!" : "...");
        return capitalise(s.toString());
    }

    private void code(String[][] topic) {
        boolean shell = percent(50);
        append(shell ? "```sh\n" : "```java\n");
        for (int i = 0, lines = 2 + below(8); i < lines; i++) {
            String noun = pick(topic[0]).replace('-', '_');
            if (shell) {
                append(percent(30) ? "# " + pick(topic[1]) + " the " + noun + "\n" : "chunk --size " + below(4096) + " " + noun + ".txt\n");
            } else {
                append("    var " + noun + i + " = " + pick(topic[1]).replace('-', '_') + "(" + noun + ", " + below(1 << 16) + "); // "
                        + pick(topic[2]) + "\n");
            }
        }
        append("```\n\n");
    }

    /**
     * Multilingual Markdown of whole lines, up to the given size: one language per section.
     *
     * @param maxBytes the most UTF-8 bytes
     * @return the text, ending in a line feed, within a few KiB of {@code maxBytes}
     */
    byte[] multilingual(int maxBytes) {
        while (bytes < maxBytes) {
            Language language = LANGUAGES.get(below(LANGUAGES.size()));
            String[] words = language.list();
            append(percent(50) ? "# " : "## ").append(phrase(language, words, 2 + below(3))).append("\n\n");
            for (int block = 0, blocks = 2 + below(8); block < blocks; block++) {
                int kind = below(100);
                if (kind < 75) {
                    for (int i = 0, n = 1 + below(8); i < n; i++) {
                        append(i == 0 ? "" : language.sentenceGap()).append(phrase(language, words, 4 + below(16))).append(language.stop());
                        if (percent(12)) {
                            append(EMOJI.get(below(EMOJI.size())));
                        }
                    }
                    append("\n\n");
                } else if (kind < 85) {
                    for (int i = 0, items = 2 + below(5); i < items; i++) {
                        append("- ").append(EMOJI.get(below(EMOJI.size()))).append(" ").append(phrase(language, words, 1 + below(4))).append("\n");
                    }
                    append("\n");
                } else if (kind < 95) {
                    append("```js\nlet ").append(language.tag()).append(" = \"").append(phrase(language, words, 2 + below(4)))
                            .append("\";\nalert(").append(language.tag()).append(".length); // ").append(Integer.toString(below(1000))).append("\n```\n\n");
                } else {
                    append("| ").append(pick(words)).append(" | ").append(pick(words)).append(" |\n|---|---|\n| ")
                            .append(EMOJI.get(below(EMOJI.size()))).append(" | ").append(Integer.toString(below(10_000))).append(" |\n\n");
                }
            }
        }
        return cut(maxBytes);
    }

    private String phrase(Language language, String[] words, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(percent(10) ? language.comma() : "").append(language.spaced() ? " " : "");
            }
            s.append(pick(words));
        }
        return s.toString();
    }

    /** The text as UTF-8, cut after the last line feed that fits (a line feed is one byte, never inside a sequence). */
    private byte[] cut(int maxBytes) {
        byte[] utf8 = out.toString().getBytes(StandardCharsets.UTF_8);
        int end = Math.min(maxBytes, utf8.length);
        while (end > 0 && utf8[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOf(utf8, end);
    }
}
