package dev.chunking.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The command's standard output, which remembers whether its reader went away: a write or flush
 * that fails because the pipe is closed ({@code chunk big.txt | head}) marks it, so that
 * {@link Main} ends quietly with {@link #CLOSED_PIPE_STATUS} instead of reporting a failure. A
 * JVM ignores SIGPIPE, so a closed pipe shows only as an {@link IOException} whose message is
 * the system's text for EPIPE ("Broken pipe" on Linux and macOS, "The pipe is being closed" or
 * "The pipe has been ended" on Windows). Any other failure (a full disk behind a redirection) is
 * still an error. Not thread-safe beyond what the wrapped stream is.
 */
final class StandardOutput extends FilterOutputStream {
    /**
     * The status of a command that stopped because its output pipe was closed: 128 + SIGPIPE (13),
     * what a shell reports for a program killed by that signal, so pipelines treat it alike.
     */
    static final int CLOSED_PIPE_STATUS = 141;

    private boolean closedPipe;

    StandardOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw noticed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw noticed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw noticed(e);
        }
    }

    /** Whether a write or flush failed because the reading end of the pipe was closed. */
    boolean closedPipe() {
        return closedPipe;
    }

    /** Whether an I/O failure is the one a write to a pipe without a reader gets (EPIPE). */
    static boolean isClosedPipe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("broken pipe") || message.contains("pipe is being closed") || message.contains("pipe has been ended");
    }

    private IOException noticed(IOException e) {
        closedPipe |= isClosedPipe(e);
        return e;
    }
}
