package dev.chunking.examples.relay.browser;

/**
 * JavaScript that {@link HeadlessChromium#evaluate(String)} ran in the page threw (or its promise
 * rejected); the message holds the expression and the exception's text as the page saw it.
 */
public final class PageScriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the expression and what it threw
     */
    public PageScriptException(String message) {
        super(message);
    }
}
