package dev.chunking.domain;

import java.util.Collection;

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
        this(kind, name, known, "");
    }

    /**
     * Creates the exception with a hint on where such plugins come from.
     *
     * @param kind what was looked up, such as "strategy" or "token counter"
     * @param name the name that was asked for
     * @param known the names that are registered
     * @param hint appended to the message, such as "; add the chunking-tokenizers artifact ..."; may be empty
     */
    public UnknownPluginException(String kind, String name, Collection<String> known, String hint) {
        super("unknown " + kind + " '" + name + "'; known: " + String.join(", ", known)
                + NameSuggestions.closest(name, known).map(best -> "; did you mean '" + best + "'?").orElse("") + hint);
    }
}
