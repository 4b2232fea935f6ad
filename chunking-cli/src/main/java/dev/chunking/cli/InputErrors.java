package dev.chunking.cli;

import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.streaming.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * The command's one mapping of refused input to a usage error (exit 2, one line): malformed
 * UTF-8 named with its file, an input over a limit, a file that does not exist. Every command
 * that reads a file reads it through {@link #reading}, after {@link #checkText}: a file that
 * looks binary is refused as such, not as text to convert to UTF-8. Stateless.
 */
final class InputErrors {
    /** How much of the start of a file {@link #checkText} looks at. */
    static final int SNIFF_BYTES = 8192;
    /** Fewer bytes than this that are not text are taken to be typos or another encoding, not binary. */
    private static final int MIN_NON_TEXT = 16;

    private InputErrors() {
    }

    /**
     * Refuses, as usage, a file that looks binary in its first {@value #SNIFF_BYTES} bytes: it
     * holds a NUL byte, or more than a tenth of them (and at least {@value #MIN_NON_TEXT}) are
     * control characters or not UTF-8. Only with {@link MalformedInputPolicy#REPORT}: with
     * {@code --on-malformed replace} the user asked to chunk whatever it holds.
     *
     * @param file the argument, for the message
     * @param source the file
     * @param policy the malformed-input policy of the run
     * @throws IOException if the file cannot be read
     */
    static void checkText(String file, ByteSource source, MalformedInputPolicy policy) throws IOException {
        if (policy != MalformedInputPolicy.REPORT) {
            return;
        }
        ByteBuffer start = ByteBuffer.allocate(SNIFF_BYTES);
        try (ReadableByteChannel channel = reading(file, () -> source.open(0))) {
            while (start.hasRemaining() && channel.read(start) >= 0) {
                // fill the sample, or read to the end of a shorter file
            }
        }
        start.flip();
        String why = binary(start, start.remaining() == SNIFF_BYTES);
        if (why != null) {
            throw new UsageException(file.replaceAll("\\p{Cntrl}", "?") + " looks binary (" + why + "), not like text;"
                    + " chunk text files, or give --on-malformed replace to chunk it anyway");
        }
    }

    /** Why a file's first bytes look binary, or null if they look like text. */
    static String binary(ByteBuffer bytes, boolean cut) {
        int length = bytes.remaining();
        for (int i = 0; i < length; i++) {
            if (bytes.get(bytes.position() + i) == 0) {
                return "a NUL byte at byte offset " + i;
            }
        }
        int nonText = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes.get(bytes.position() + i);
            if (b == 0x7F || b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                nonText++;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = bytes.duplicate();
        CharBuffer out = CharBuffer.allocate(length + 1);
        while (in.hasRemaining()) {
            CoderResult result = decoder.decode(in, out, !cut);
            if (result.isError()) {
                nonText += result.length();
                in.position(in.position() + result.length());
            } else {
                break; // underflow: the end, or a sequence cut by the end of the sample
            }
        }
        if (nonText >= MIN_NON_TEXT && nonText * 10L > length) {
            return nonText + " of its first " + length + " bytes are control characters or not UTF-8";
        }
        return null;
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
