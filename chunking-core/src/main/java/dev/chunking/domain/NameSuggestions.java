package dev.chunking.domain;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "Did you mean" for a mistyped name (an option, a strategy, a token counter): the known word
 * closest to what was typed, when it is within {@value #MAX_DISTANCE} edits (insertions,
 * deletions, substitutions or swaps of two neighbours) and the word is long enough for that to be
 * a typo, not another word. The one implementation, used by {@link UnknownPluginException} and
 * the {@code chunk} command. Stateless and thread-safe.
 */
public final class NameSuggestions {
    /** The most edits a suggestion may be away from what was typed. */
    public static final int MAX_DISTANCE = 2;

    private NameSuggestions() {
    }

    /**
     * The known word closest to a typed one, the first in sorted order among equally close ones.
     *
     * @param typed what was typed
     * @param known the words it may have been meant to be
     * @return the closest, if one is close enough
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        int limit = Math.min(MAX_DISTANCE, Math.max(0, (typed.length() - 1) / 3)); // 1 edit from 4 letters, 2 from 7
        String best = null;
        int bestDistance = limit + 1;
        for (String word : new TreeSet<>(known)) {
            int d = distance(typed, word);
            if (d > 0 && d < bestDistance) {
                best = word;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The words {@code "; did you mean X?"} when a known word is close, else nothing.
     *
     * @param typed what was typed
     * @param known the words it may have been meant to be
     * @return the suffix for a message, or the empty string
     */
    public static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(word -> "; did you mean " + word + "?").orElse("");
    }

    /** The optimal string alignment distance: edits, counting a swap of two neighbours as one. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
