package dev.chunking.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A benchmark corpus generated from a seed, for machines without {@code ../shared/corpus}: the
 * same two file names as the real corpus ({@link #ENGLISH}, {@link #MULTILINGUAL}), each
 * {@link #FILE_BYTES} bytes of UTF-8 or a little less (whole lines), xz-compressed, so every
 * benchmark, {@code bin/ratio} and {@code bin/memory-bench} read them unchanged. The text is
 * English-like Markdown and multilingual Markdown (see {@link SyntheticText}): enough structure
 * for every strategy, but made up, so its figures are not comparable with the real corpus's.
 * Stateless; the methods are thread-safe, though two processes writing one directory at once
 * would both write it.
 */
public final class SyntheticCorpus {
    /** The seed of the generated corpus. */
    public static final long SEED = 13;
    /** UTF-8 bytes per file, at most (the real files hold about as many). */
    public static final int FILE_BYTES = 10_000_000;
    /** The English-like file, named as in the real corpus. */
    public static final String ENGLISH = "en-10MB.txt.xz";
    /** The multilingual file, named as in the real corpus. */
    public static final String MULTILINGUAL = "multi-10MB.txt.xz";
    /** Written last, naming what was generated; a directory whose stamp matches is not written again. */
    static final String STAMP = "GENERATED.txt";
    /** Bumped whenever {@link SyntheticText} changes its output, so that old directories are rewritten. */
    private static final int VERSION = 1;

    private SyntheticCorpus() {
    }

    /**
     * English-like Markdown: topics with their own words, headings of both kinds, wrapped and
     * unwrapped paragraphs, lists, fenced code, tables, quotes.
     *
     * @param seed the random seed; the same seed and size give the same bytes
     * @param maxBytes the most bytes to return
     * @return well-formed UTF-8 of whole lines, within a few KiB of {@code maxBytes}
     */
    public static byte[] english(long seed, int maxBytes) {
        return new SyntheticText(seed).english(maxBytes);
    }

    /**
     * Multilingual Markdown: sections in fifteen languages and scripts (CJK, Thai, Cyrillic,
     * Greek, Arabic, Hebrew, Devanagari, Latin with diacritics) with emoji ZWJ sequences, skin
     * tones, flags and keycaps.
     *
     * @param seed the random seed; the same seed and size give the same bytes
     * @param maxBytes the most bytes to return
     * @return well-formed UTF-8 of whole lines, within a few KiB of {@code maxBytes}
     */
    public static byte[] multilingual(long seed, int maxBytes) {
        return new SyntheticText(seed).multilingual(maxBytes);
    }

    /**
     * Writes {@link #ENGLISH} and {@link #MULTILINGUAL} into a directory, creating it, unless it
     * already holds this generation (same version, seed and size). Each file is written under a
     * temporary name and moved into place; the stamp comes last.
     *
     * @param dir the directory
     * @param seed the random seed
     * @param fileBytes the most UTF-8 bytes per file
     * @return true if the files were written, false if they were already there
     * @throws IOException if writing fails
     */
    public static boolean write(Path dir, long seed, int fileBytes) throws IOException {
        String stamp = "synthetic corpus (dev.chunking.benchmarks.SyntheticCorpus) version " + VERSION + ", seed " + seed + ", at most "
                + fileBytes + " bytes of UTF-8 per file\n";
        Path stampFile = dir.resolve(STAMP);
        if (Files.isRegularFile(stampFile) && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)
                && Files.isRegularFile(dir.resolve(ENGLISH)) && Files.isRegularFile(dir.resolve(MULTILINGUAL))) {
            return false;
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(stampFile);
        writeXz(dir.resolve(ENGLISH), english(seed, fileBytes));
        writeXz(dir.resolve(MULTILINGUAL), multilingual(seed, fileBytes));
        Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
        return true;
    }

    private static void writeXz(Path file, byte[] content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        // preset 1: a few seconds for 10 MB; the size on disk does not matter here
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(partial), new LZMA2Options(1))) {
            out.write(content);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
