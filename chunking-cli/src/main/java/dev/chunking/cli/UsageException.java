package dev.chunking.cli;

import dev.chunking.domain.ChunkingException;

/**
 * A command line the {@code chunk} command cannot run: an unknown option, a missing value, a
 * file that does not exist. The CLI prints the message on one line and exits with status 2.
 */
public class UsageException extends ChunkingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public UsageException(String message) {
        super(message);
    }
}
