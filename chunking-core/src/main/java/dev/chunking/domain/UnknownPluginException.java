package dev.chunking.domain;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Thrown when a strategy, token counter or embedder is looked up by a name that no provider has.
 * The message lists the names that are known, and asks "did you mean" the closest when one is
 * within two edits of the name asked for ({@code recursve} → {@code recursive}).
 */
public class UnknownPluginException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param kind what was looked up, such as "strategy" or "token counter"
     * @param name the name that was asked for
     * @param known the names that are registered
     */
    public UnknownPluginException(String kind, String name, Collection<String> known) {
        super("unknown " + kind + " '" + name + "'; known: " + String.join(", ", known) + didYouMean(name, known));
    }

    /** {@code "; did you mean 'X'?"} for the closest known name within two edits (one for short names), else nothing. */
    private static String didYouMean(String name, Collection<String> known) {
        int limit = Math.min(2, Math.max(0, (name.length() - 1) / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : new TreeSet<>(known)) {
            int d = distance(name, candidate);
            if (d > 0 && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** Edits from one name to another: insertions, deletions, substitutions, and swaps of neighbours. */
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
