package dev.chunking.strategy;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.Embedder;
import dev.chunking.strategy.internal.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@link Embedder}, {@code lexical}: LEXICAL, NOT NEURAL. It sees which words and
 * word fragments two texts share, not what they mean, so synonyms look unrelated and one word
 * in two senses looks alike; it needs no model, no network and no warm-up, and it gives the same
 * vector for the same text on every JVM. Plug in a neural embedder for real semantic chunking.
 *
 * <p>The vector of a text is a hashed bag of features:
 * <ul>
 *   <li>words: maximal runs of letters and digits ({@link Character#isLetterOrDigit(int)}), with
 *       the combining marks inside them (so decomposed accents and Indic vowel signs do not split
 *       a word), lower-cased code point by code point with {@link Character#toLowerCase(int)};
 *       each word is one feature, weight 1;</li>
 *   <li>character trigrams of each word with a boundary marker at both ends ({@code "^wo"},
 *       {@code "wor"}, {@code "ord"}, {@code "rd$"}; a one-letter word gives {@code "^a$"}),
 *       weight 1/2 each, so inflected forms ("chunk", "chunks", "chunking") stay close;</li>
 *   <li>CJK ideographs ({@link Character#isIdeographic(int)}), which are written without spaces:
 *       each ideograph is a word of its own (weight 1), and each pair of adjacent ideographs is a
 *       bigram feature (weight 1).</li>
 * </ul>
 * A feature occurring {@code tf} times weighs {@code kindWeight * (1 + ln tf)} (sublinear, so a
 * repeated word does not drown the rest). A word is hashed with 64-bit FNV-1a over its code
 * points (one code point per step); an n-gram is its code points packed 21 bits each, which is
 * exact. Either is then scrambled with the MurmurHash3 finaliser: one bit gives the sign and 32
 * others pick one of {@code dimensions} buckets (feature hashing), so colliding features cancel
 * out on average instead of piling up. The vector is L2-normalised; a text with
 * no letter or digit gives the zero vector.
 *
 * <p>One pass over the chars, no allocation per character or word: a call allocates one
 * growable table of distinct features for the whole batch and one vector per text. Memory is
 * proportional to the number of distinct features of the longest text of the batch. Immutable
 * and thread-safe.
 */
public final class LexicalEmbedder implements Embedder {
    /** The registered name. */
    public static final String NAME = "lexical";
    /** Dimensions of the no-argument constructor: 256. */
    public static final int DEFAULT_DIMENSIONS = 256;
    /** Most dimensions accepted: 65536. */
    public static final int LIMIT_DIMENSIONS = 1 << 16;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Marks the start or end of a word in trigrams; above every code point, so it never clashes with text. */
    private static final int BOUNDARY = 0x110000;

    /** Feature kinds, kept in the two low bits of a feature so that equal hashes of different kinds stay apart. */
    private static final int WORD = 0;
    private static final int TRIGRAM = 1;
    private static final int IDEOGRAPH = 2;
    private static final int BIGRAM = 3;
    private static final float[] KIND_WEIGHTS = {1f, 0.5f, 1f, 1f};

    /** {@code 1 + ln tf} for small term frequencies, to spare a logarithm per feature. */
    private static final float[] TF_WEIGHTS = new float[64];
    /** Lower-cased ASCII letters and digits; 0 for every other ASCII char. */
    private static final char[] ASCII_WORD = new char[128];

    private static final int SEPARATOR = 0;
    private static final int WORD_CHAR = 1;
    private static final int IDEOGRAPH_CHAR = 2;

    static {
        for (int tf = 1; tf < TF_WEIGHTS.length; tf++) {
            TF_WEIGHTS[tf] = (float) (1 + Math.log(tf));
        }
        for (char c = '0'; c <= '9'; c++) {
            ASCII_WORD[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_WORD[c] = c;
            ASCII_WORD[c - 'a' + 'A'] = c;
        }
    }

    private final int dimensions;

    /** Creates the embedder with {@value #DEFAULT_DIMENSIONS} dimensions; called by {@link java.util.ServiceLoader}. */
    public LexicalEmbedder() {
        this(DEFAULT_DIMENSIONS);
    }

    /**
     * Creates the embedder with a vector length of one's choosing. More dimensions mean fewer
     * hash collisions between unrelated features, and more work for the caller per comparison.
     *
     * @param dimensions vector length, 1 to {@value #LIMIT_DIMENSIONS}
     * @throws InvalidOptionsException naming the value and the range when it is outside
     */
    public LexicalEmbedder(int dimensions) {
        if (dimensions < 1 || dimensions > LIMIT_DIMENSIONS) {
            throw new InvalidOptionsException("lexical embedder: " + dimensions + " dimensions is outside 1.."
                    + LIMIT_DIMENSIONS + "; choose a vector length within that range (default " + DEFAULT_DIMENSIONS + ")");
        }
        this.dimensions = dimensions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "hashed words and character trigrams (lexical, not neural): offline, deterministic, fast";
    }

    /**
     * Returns the length of every vector this embedder makes.
     *
     * @return the dimensions given at construction
     */
    public int dimensions() {
        return dimensions;
    }

    /**
     * Embeds a batch of texts, as described on the class.
     *
     * @param texts the texts
     * @return one L2-normalised vector of {@link #dimensions()} floats per text, in order
     * @throws InvalidOptionsException if the list or one of its texts is null
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts == null) {
            throw new InvalidOptionsException("lexical embedder: the list of texts is null; pass an empty list instead");
        }
        Features features = new Features();
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new InvalidOptionsException("lexical embedder: text " + i + " of " + texts.size()
                        + " is null; pass an empty string for no text");
            }
            vectors.add(embed(text, features));
        }
        return vectors;
    }

    /**
     * Returns the cosine distance {@code 1 - cos(a, b)} of two vectors: 0 for the same direction,
     * 1 for orthogonal vectors, up to 2 for opposite ones. A zero vector (a text without words)
     * has no direction: two zero vectors are at distance 0 (both say nothing), a zero vector and
     * any other at distance 1 (nothing in common).
     *
     * @param a a vector
     * @param b a vector of the same length
     * @return the distance, 0 to 2
     * @throws InvalidOptionsException if the lengths differ
     */
    public static double cosineDistance(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new InvalidOptionsException("cosine distance of vectors of " + a.length + " and " + b.length
                    + " dimensions; compare vectors made by the same embedder");
        }
        return Vectors.cosineDistanceOfSums(a, null, b, null);
    }

    private float[] embed(String text, Features features) {
        long word = 0;
        int length = 0;
        int last = 0;
        int beforeLast = 0;
        int previousIdeograph = -1;
        for (int i = 0, n = text.length(); i < n; ) {
            char ch = text.charAt(i);
            int cp;
            int kind;
            if (ch < 0x80) {
                i++;
                cp = ASCII_WORD[ch];
                kind = cp == 0 ? SEPARATOR : WORD_CHAR;
            } else {
                cp = Character.codePointAt(text, i);
                i += Character.charCount(cp);
                kind = classify(cp, length > 0);
                cp = Character.toLowerCase(cp);
            }
            if (kind == WORD_CHAR) {
                if (length == 0) {
                    word = FNV_OFFSET;
                } else {
                    features.add(pack(length == 1 ? BOUNDARY : beforeLast, last, cp), TRIGRAM);
                }
                word = mix(word, cp);
                beforeLast = last;
                last = cp;
                length++;
                previousIdeograph = -1;
                continue;
            }
            if (length > 0) {
                endWord(features, word, length, beforeLast, last);
                length = 0;
            }
            if (kind == IDEOGRAPH_CHAR) {
                features.add(cp, IDEOGRAPH);
                if (previousIdeograph >= 0) {
                    features.add(pack(0, previousIdeograph, cp), BIGRAM);
                }
                previousIdeograph = cp;
            } else {
                previousIdeograph = -1;
            }
        }
        if (length > 0) {
            endWord(features, word, length, beforeLast, last);
        }
        return vector(features);
    }

    private static int classify(int cp, boolean inWord) {
        if (Character.isIdeographic(cp)) {
            return IDEOGRAPH_CHAR;
        }
        if (Character.isLetterOrDigit(cp)) {
            return WORD_CHAR;
        }
        if (inWord) {
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK) {
                return WORD_CHAR;
            }
        }
        return SEPARATOR;
    }

    private static void endWord(Features features, long word, int length, int beforeLast, int last) {
        features.add(pack(length == 1 ? BOUNDARY : beforeLast, last, BOUNDARY), TRIGRAM);
        features.add(word, WORD);
    }

    /** Three code points (or boundary markers), 21 bits each: an n-gram's exact identity, cheaper than hashing it. */
    private static long pack(int a, int b, int c) {
        return ((long) a << 42) | ((long) b << 21) | c;
    }

    /** One FNV-1a step, taking a whole code point as the unit instead of a byte. */
    private static long mix(long hash, int value) {
        return (hash ^ value) * FNV_PRIME;
    }

    private float[] vector(Features features) {
        float[] vector = new float[dimensions];
        long[] keys = features.keys;
        int[] counts = features.counts;
        int[] used = features.used;
        int size = features.size;
        for (int i = 0; i < size; i++) {
            int slot = used[i];
            long key = keys[slot];
            int tf = counts[slot];
            counts[slot] = 0; // empties the table for the next text as we go
            float weight = KIND_WEIGHTS[(int) (key & 3)] * (tf < TF_WEIGHTS.length ? TF_WEIGHTS[tf] : (float) (1 + Math.log(tf)));
            int bucket = (int) (((key >>> 32) * dimensions) >>> 32); // the high 32 bits scaled to [0, dimensions): no division
            vector[bucket] += (key & 4) == 0 ? weight : -weight;
            used[i] = bucket; // the slot is done with: keep the bucket for the norm
        }
        features.size = 0;
        // the norm over the buckets this text touched, in first-touched order: a text has far fewer features than a vector has dimensions
        int[] stamps = features.stamps(dimensions);
        int text = features.nextText();
        double norm = 0;
        for (int i = 0; i < size; i++) {
            int bucket = used[i];
            if (stamps[bucket] != text) {
                stamps[bucket] = text;
                norm += (double) vector[bucket] * vector[bucket];
            }
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < vector.length; d++) {
                vector[d] *= scale;
            }
        }
        return vector;
    }

    /**
     * The distinct features of one text with their counts: an open-addressing hash table of
     * scrambled hashes (kind in the two low bits), and the slots in first-seen order so that
     * the vector sums in the same order on every run. Reused across a batch; emptied as read.
     */
    private static final class Features {
        long[] keys = new long[1024];
        int[] counts = new int[1024];
        int[] used = new int[512];
        int size;
        /** Per dimension, the number of the last text whose norm took that bucket in; made on first use. */
        private int[] stamps;
        private int texts;

        int[] stamps(int dimensions) {
            if (stamps == null) {
                stamps = new int[dimensions];
            }
            return stamps;
        }

        int nextText() {
            return ++texts;
        }

        void add(long hash, int kind) {
            long key = (scramble(hash) & ~3L) | kind;
            int mask = keys.length - 1;
            int slot = ((int) key >>> 3) & mask; // bits 0-2 are the kind and the sign
            while (counts[slot] != 0) {
                if (keys[slot] == key) {
                    counts[slot]++;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            counts[slot] = 1;
            used[size++] = slot;
            if (size == used.length) {
                grow();
            }
        }

        /** Doubles the table while it is at most half full, so probes stay short. */
        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            int[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            used = new int[oldUsed.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < size; i++) {
                long key = oldKeys[oldUsed[i]];
                int slot = ((int) key >>> 3) & mask; // bits 0-2 are the kind and the sign
                while (counts[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                counts[slot] = oldCounts[oldUsed[i]];
                used[i] = slot;
            }
        }

        /** MurmurHash3's 64-bit finaliser: spreads every input bit over the bits that pick slot, bucket and sign. */
        private static long scramble(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            return h ^ (h >>> 33);
        }
    }
}
