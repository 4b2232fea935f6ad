package dev.chunking.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Large UTF-8 files for the tests and the benchmark without a corpus: lines of words in several
 * scripts (Latin with accents, Han, Japanese, Cyrillic, Greek, Arabic, Devanagari, Hangul, ZWJ
 * emoji, flags, combining marks), drawn by a seeded random. Stateless.
 */
final class GeneratedText {
    private static final String[] WORDS = {"chunking", "streams", "bounded", "mémoire", "Größe", "文本", "分块", "テキスト", "текст",
        "κείμενο", "نص", "पाठ", "텍스트", "👩‍👩‍👧", "🇫🇷", "e\u0301", "done.", "Why?", "\n"};

    private GeneratedText() {
    }

    /**
     * Writes a file of exactly {@code size} bytes: a block of about 400 KB of lines, written again and
     * again, the rest filled with ASCII so that no character is cut.
     *
     * @param file where to write
     * @param size its size in bytes
     * @param seed the random's seed: the same seed gives the same file
     * @throws IOException if writing fails
     */
    static void write(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        while (text.length() < 400_000) {
            for (int i = random.nextInt(40); i >= 0; i--) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            text.append('\n');
        }
        byte[] block = text.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long written = 0;
            for (; written + block.length <= size; written += block.length) {
                out.write(block);
            }
            out.write("x".repeat((int) (size - written)).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
