package dev.chunking.embeddings.onnx.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The BERT (uncased) tokenizer a sentence-transformers model such as all-MiniLM-L6-v2 was trained
 * with, in plain Java: what a HuggingFace {@code tokenizer.json} with a {@code BertNormalizer}, a
 * {@code BertPreTokenizer} and a {@code WordPiece} model describes, so that no native tokenizer
 * library has to be unpacked and loaded.
 *
 * <ol>
 *   <li>Normalise (each step as the file's normalizer says): drop NUL, U+FFFD and the other
 *       characters of category C except tab, line feed and carriage return, and turn white space
 *       into a space; put spaces around CJK ideographs; decompose (NFD) and drop non-spacing marks
 *       (accents); lower-case.</li>
 *   <li>Split on white space, and make every punctuation character (ASCII punctuation, or a
 *       character of category P) a word of its own.</li>
 *   <li>WordPiece: each word becomes the longest vocabulary entries from its start, the pieces
 *       after the first prefixed {@code ##}; a word with no such split, or longer than the
 *       file's {@code max_input_chars_per_word}, becomes the unknown token.</li>
 *   <li>Frame with {@code [CLS]} and {@code [SEP]}.</li>
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
    private final Map<String, Integer> vocabulary;
    private final Map<String, Integer> continuations;
    private final int unknown;
    private final int classToken;
    private final int separatorToken;
    private final int maxCharsPerWord;
    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    private WordPieceTokenizer(Map<String, Object> json) {
        Map<String, Object> model = object(json, "model");
        require(model, "type", "WordPiece");
        Map<String, Object> vocab = object(model, "vocab");
        String prefix = string(model, "continuing_subword_prefix", "##");
        vocabulary = new HashMap<>(vocab.size() * 2);
        continuations = new HashMap<>(vocab.size());
        for (Map.Entry<String, Object> entry : vocab.entrySet()) {
            int id = ((Number) entry.getValue()).intValue();
            vocabulary.put(entry.getKey(), id);
            if (entry.getKey().startsWith(prefix) && entry.getKey().length() > prefix.length()) {
                continuations.put(entry.getKey().substring(prefix.length()), id);
            }
        }
        unknown = id(string(model, "unk_token", "[UNK]"));
        classToken = id("[CLS]");
        separatorToken = id("[SEP]");
        Object max = model.get("max_input_chars_per_word");
        maxCharsPerWord = max instanceof Number n ? n.intValue() : 100;
        Map<String, Object> normalizer = object(json, "normalizer");
        require(normalizer, "type", "BertNormalizer");
        cleanText = flag(normalizer, "clean_text", true);
        chineseChars = flag(normalizer, "handle_chinese_chars", true);
        lowercase = flag(normalizer, "lowercase", true);
        Object strip = normalizer.get("strip_accents");
        stripAccents = strip instanceof Boolean b ? b : lowercase; // null: accents go with the case, as BERT does
        require(object(json, "pre_tokenizer"), "type", "BertPreTokenizer");
    }

    /**
     * Reads a HuggingFace {@code tokenizer.json} of a BERT WordPiece tokenizer.
     *
     * @param json the file's text
     * @return the tokenizer
     * @throws IllegalArgumentException if the text is not such a file, naming what differs
     */
    @SuppressWarnings("unchecked")
    public static WordPieceTokenizer fromJson(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("tokenizer.json is not a JSON object");
        }
        return new WordPieceTokenizer((Map<String, Object>) root);
    }

    /**
     * Returns the token ids of a text as the model takes them: {@code [CLS]}, the word pieces,
     * {@code [SEP]}; when there are more pieces than fit, the first {@code maxTokens - 2}.
     *
     * @param text the text
     * @param maxTokens the most ids returned, at least 2
     * @return the ids, 2 to {@code maxTokens} of them
     */
    public long[] encode(String text, int maxTokens) {
        String normal = normalize(text);
        long[] ids = new long[Math.min(maxTokens, 2 + normal.length())]; // a normalised char gives at most one piece
        int n = 0;
        ids[n++] = classToken;
        int limit = ids.length - 1;
        int i = 0;
        int length = normal.length();
        while (i < length && n < limit) {
            int cp = normal.codePointAt(i);
            if (isWhitespace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int end = i + Character.charCount(cp);
            if (!isPunctuation(cp)) {
                while (end < length) {
                    int next = normal.codePointAt(end);
                    if (isWhitespace(next) || isPunctuation(next)) {
                        break;
                    }
                    end += Character.charCount(next);
                }
            }
            n = wordPieces(normal, i, end, ids, n, limit);
            i = end;
        }
        ids[n++] = separatorToken;
        return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }

    /** Writes the pieces of {@code text[start, end)} from {@code ids[n]} on, at most up to {@code limit}; returns the new count. */
    private int wordPieces(String text, int start, int end, long[] ids, int n, int limit) {
        if (text.codePointCount(start, end) > maxCharsPerWord) {
            ids[n++] = unknown;
            return n;
        }
        int count = n;
        int from = start;
        while (from < end) {
            Map<String, Integer> table = from == start ? vocabulary : continuations;
            Integer id = null;
            int to = end;
            while (to > from) {
                id = table.get(text.substring(from, to));
                if (id != null) {
                    break;
                }
                to = text.offsetByCodePoints(to, -1);
            }
            if (id == null) {
                ids[n] = unknown; // the whole word, not the pieces found so far
                return n + 1;
            }
            if (count < limit) {
                ids[count] = id;
            }
            count++;
            from = to;
        }
        return Math.min(count, limit);
    }

    private String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cleanText) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                    continue;
                }
                if (isWhitespace(cp)) {
                    cp = ' ';
                }
            }
            if (chineseChars && isCjkIdeograph(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        String s = out.toString();
        if (stripAccents) {
            s = stripMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
        }
        return lowercase ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static String stripMarks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Category C (Cc, Cf, Cs, Co, Cn), except tab, line feed and carriage return, which are white space. */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** The Unicode White_Space property. */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** ASCII punctuation (symbols such as {@code $} and {@code +} included, as BERT has it), or category P. */
    static boolean isPunctuation(int cp) {
        if (cp < 0x80) {
            return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** The CJK ideograph blocks BERT puts spaces around. */
    private static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    private int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("tokenizer.json: the vocabulary has no " + token + " token");
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("tokenizer.json: \"" + key + "\" is not an object but " + value);
        }
        return (Map<String, Object>) value;
    }

    private static void require(Map<String, Object> parent, String key, String expected) {
        if (!expected.equals(parent.get(key))) {
            throw new IllegalArgumentException("tokenizer.json: \"" + key + "\" is " + parent.get(key) + ", this tokenizer reads "
                    + expected + " only");
        }
    }

    private static String string(Map<String, Object> parent, String key, String otherwise) {
        return parent.get(key) instanceof String s ? s : otherwise;
    }

    private static boolean flag(Map<String, Object> parent, String key, boolean otherwise) {
        return parent.get(key) instanceof Boolean b ? b : otherwise;
    }
}
