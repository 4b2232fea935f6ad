package dev.chunking.domain;

/**
 * Thrown when two providers on the class path or module path register the same name.
 * The message names both classes so the conflicting jar can be found.
 */
public class DuplicatePluginException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param kind what is registered, such as "strategy"
     * @param name the name both providers claim
     * @param first the class of the first provider
     * @param second the class of the second provider
     */
    public DuplicatePluginException(String kind, String name, String first, String second) {
        super("duplicate " + kind + " name '" + name + "': provided by both " + first + " and " + second
                + "; remove one of the jars or rename one provider");
    }
}
