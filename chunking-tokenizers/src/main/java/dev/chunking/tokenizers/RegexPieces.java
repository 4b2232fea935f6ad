package dev.chunking.tokenizers;

import com.knuddels.jtokkit.api.Encoding;
import dev.chunking.spi.TokenPieces;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-tokenizer pieces of a jtokkit encoding that splits by a regular expression: the match
 * at a position, found as jtokkit finds it, within a region that ends at the limit. The matcher
 * reads the text through {@link Tracked}, which records the farthest character read, so the
 * piece's {@link #reach()} is exact; a match that hit the region's end is undecided, since more
 * text could change it. The expressions have no look-behind, so a piece depends on no text
 * before it. Piece counts are remembered (common words recur), the memory bounded by clearing.
 * Not thread-safe.
 */
final class RegexPieces implements TokenPieces {
    private static final int REMEMBERED = 1 << 16;
    private static final int REMEMBERED_LENGTH = 64;

    private final boolean o200k; // whose ASCII words are found without the expression
    private final Encoding encoding;
    private final Tracked tracked = new Tracked();
    private final Matcher matcher;
    // piece counts by text, open addressing at most half full
    private String[] keys = new String[1024];
    private int[] hashes = new int[1024];
    private int[] values = new int[1024];
    private int remembered;
    private int reach;

    RegexPieces(Pattern pattern, Encoding encoding) {
        this.o200k = pattern == BpeTokenCounter.O200K;
        this.encoding = encoding;
        this.matcher = pattern.matcher(tracked);
    }

    @Override
    public int next(CharSequence text, int from, int limit) {
        int word = o200k ? asciiWord(text, from, limit) : 0;
        if (word > 0) {
            return word;
        }
        if (tracked.text != text || tracked.length != text.length()) {
            tracked.text = text;
            tracked.length = text.length();
            matcher.reset(tracked);
        }
        tracked.farthest = from - 1;
        matcher.region(from, limit);
        if (!matcher.lookingAt() || matcher.hitEnd() || matcher.end() == from) {
            return -1;
        }
        reach = Math.min(limit, tracked.farthest + 1);
        if (tracked.farthest >= limit) {
            return -1; // read past the limit (a surrogate pair's second half): not decided by the text before it
        }
        return matcher.end();
    }

    /**
     * The o200k_base piece at {@code from} when it is an ASCII word, the most common piece, found
     * without the expression: an optional ASCII character that is no letter, digit, CR or LF, then upper-case
     * letters followed by lower-case ones (the first alternative) or upper-case letters alone (the
     * second), ending before an ASCII character that is neither a lower-case letter nor an
     * apostrophe (which could start a contraction). Both alternatives read that character last, so
     * it is the reach. Anything else returns 0, for the expression to decide.
     */
    private int asciiWord(CharSequence text, int from, int limit) {
        int i = from;
        char c = text.charAt(i);
        if (c < 0x80 && c != '\r' && c != '\n' && !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) {
            i++; // the optional first character
        }
        int letters = i;
        while (i < limit && (c = text.charAt(i)) >= 'A' && c <= 'Z') {
            i++;
        }
        while (i < limit && (c = text.charAt(i)) >= 'a' && c <= 'z') {
            i++;
        }
        if (i == letters || i >= limit) {
            return 0;
        }
        char after = text.charAt(i);
        if (after >= 0x80 || after == '\'') {
            return 0;
        }
        reach = i + 1;
        return i;
    }

    @Override
    public int reach() {
        return reach;
    }

    @Override
    public int count(CharSequence text, int from, int to) {
        int length = to - from;
        if (length > REMEMBERED_LENGTH) {
            return encoding.countTokensOrdinary(text.subSequence(from, to).toString());
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int mask = keys.length - 1;
        int slot = (hash ^ (hash >>> 15)) & mask;
        for (String key = keys[slot]; key != null; key = keys[slot]) {
            if (hashes[slot] == hash && same(key, text, from, length)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String piece = text.subSequence(from, to).toString();
        int count = encoding.countTokensOrdinary(piece);
        if (2 * (remembered + 1) > keys.length) {
            if (keys.length < 2 * REMEMBERED) {
                grow();
            } else { // full: forget everything rather than track what is old
                Arrays.fill(keys, null);
                remembered = 0;
            }
        }
        put(piece, hash, count);
        return count;
    }

    private void put(String piece, int hash, int count) {
        int mask = keys.length - 1;
        int slot = (hash ^ (hash >>> 15)) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = piece;
        hashes[slot] = hash;
        values[slot] = count;
        remembered++;
    }

    /** Doubles the table, so a short document does not pay for the largest one. */
    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        hashes = new int[keys.length];
        values = new int[keys.length];
        remembered = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private static boolean same(String key, CharSequence text, int from, int length) {
        if (key.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key.charAt(i) != text.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    /** A text that records the farthest index read. */
    private static final class Tracked implements CharSequence {
        CharSequence text = "";
        int length;
        int farthest;

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index > farthest) {
                farthest = index;
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
