package dev.chunking.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Identifies one chunking operation. Letters and digits of ASCII, {@code -} and {@code _}
 * only, 1 to {@value #MAX_LENGTH} characters, so an id can never become a path, a key pattern
 * or a query fragment in an adapter.
 *
 * @param value the identifier as given
 */
public record OperationId(String value) {
    /** Longest operation id accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    private static final Path KERNEL_RANDOM = Path.of("/dev/urandom");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Validates the identifier.
     *
     * @throws InvalidOptionsException if the value is null, empty, longer than {@value #MAX_LENGTH}
     *     characters or has a character other than ASCII letters, digits, {@code -} and {@code _}
     */
    public OperationId {
        if (value == null || value.isEmpty()) {
            throw new InvalidOptionsException("operation id must not be " + (value == null ? "null" : "empty"));
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidOptionsException("operation id is " + value.length() + " characters long, more than the limit of "
                    + MAX_LENGTH + "; use a shorter id");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new InvalidOptionsException("operation id has character U+" + String.format("%04X", (int) c) + " at index " + i
                        + "; use only ASCII letters, digits, '-' and '_'");
            }
        }
    }

    /**
     * Creates an operation id.
     *
     * @param value the identifier
     * @return the id
     */
    public static OperationId of(String value) {
        return new OperationId(value);
    }

    /**
     * Generates a random id: {@code op-} and 32 hexadecimal digits (128 random bits).
     *
     * @return a new id
     */
    public static OperationId generate() {
        byte[] bits = randomBits(16);
        StringBuilder id = new StringBuilder("op-");
        for (byte b : bits) {
            id.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return new OperationId(id.toString());
    }

    /**
     * Random bits from the kernel's generator, which is where {@link SecureRandom} takes them from on
     * Linux too, without first initialising the security providers: that costs a command-line run
     * tens of milliseconds of its start-up. Elsewhere, or if it cannot be read, from {@link SecureRandom}.
     *
     * @param count how many bytes
     * @return that many random bytes
     */
    static byte[] randomBits(int count) {
        byte[] bits = new byte[count];
        if (Files.isReadable(KERNEL_RANDOM)) {
            try (InputStream in = Files.newInputStream(KERNEL_RANDOM)) {
                if (in.readNBytes(bits, 0, count) == count) {
                    return bits;
                }
            } catch (IOException | SecurityException e) {
                // fall through to SecureRandom
            }
        }
        Fallback.RANDOM.nextBytes(bits);
        return bits;
    }

    /** Created on first use only: initialising it is what {@link #randomBits} avoids where it can. */
    private static final class Fallback {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    @Override
    public String toString() {
        return value;
    }
}
