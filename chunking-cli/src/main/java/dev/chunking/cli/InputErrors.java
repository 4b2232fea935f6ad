package dev.chunking.cli;

import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.MalformedInputException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * The command's one mapping of refused input to a usage error (exit 2, one line): malformed
 * UTF-8 named with its file, an input over a limit, a file that does not exist. Every command
 * that reads a file reads it through {@link #reading}. Stateless.
 */
final class InputErrors {
    private InputErrors() {
    }

    /** Reads something from a file, possibly failing on the file's content or absence. */
    @FunctionalInterface
    interface Reading<T> {
        T read() throws IOException;
    }

    /**
     * Runs a read of {@code file}, turning refused input into a {@link UsageException} that names the file.
     *
     * @throws IOException if reading fails for another reason
     */
    static <T> T reading(String file, Reading<T> reading) throws IOException {
        try {
            return reading.read();
        } catch (MalformedInputException e) {
            throw new UsageException(file + ": " + e.getMessage());
        } catch (InputLimitException e) {
            throw new UsageException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file; check the path");
        }
    }
}
