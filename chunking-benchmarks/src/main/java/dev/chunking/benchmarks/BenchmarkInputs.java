package dev.chunking.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.tukaani.xz.XZInputStream;

/**
 * What the benchmarks share outside JMH: locating (or generating) and decompressing the corpus, and the plain
 * streaming-decode baseline. Kept apart from the JMH state so that the table printer and the unit
 * test can use the same code the benchmarks measure. Stateless; all methods are thread-safe.
 */
public final class BenchmarkInputs {
    /** Bytes per piece when input is streamed: the same as the library's read buffer. */
    public static final int SLICE_BYTES = 64 * 1024;

    /** Default corpus directory, relative to the working directory (the repository root). */
    public static final String DEFAULT_CORPUS_DIR = "../shared/corpus";

    /**
     * Where the corpus is generated when the default one is absent, relative to the working
     * directory (the repository root); see {@link SyntheticCorpus}.
     */
    public static final String GENERATED_CORPUS_DIR = "chunking-benchmarks/target/generated-corpus";

    private BenchmarkInputs() {
    }

    /**
     * Prints the corpus directory to use, for the scripts in {@code bin/}: the one given, or by
     * default {@link #DEFAULT_CORPUS_DIR} when it is present and otherwise a generated one (see
     * {@link #corpusDir(String)}). Exits with status 2 if a given directory does not exist.
     *
     * @param args optionally the corpus directory (absolute, or relative to the working
     *     directory); none, or an empty one, for the default
     * @throws IOException if the corpus cannot be generated
     */
    public static void main(String[] args) throws IOException {
        Path dir = corpusDir(args.length > 0 ? args[0] : "");
        if (!Files.isDirectory(dir)) {
            System.err.println("corpus directory not found: " + dir + " (set CORPUS to a directory holding "
                    + SyntheticCorpus.ENGLISH + " and " + SyntheticCorpus.MULTILINGUAL + ", or unset it)");
            System.exit(2);
        }
        System.out.println(dir);
    }

    /**
     * The corpus directory to read: the one asked for, as given; or, when none is asked for (or
     * {@link #DEFAULT_CORPUS_DIR} is), the default when it is present, and otherwise the
     * synthetic corpus in {@link #GENERATED_CORPUS_DIR}, generated on first use. In that last case
     * one line on standard error says so.
     *
     * @param requested a directory, absolute or relative to the working directory; blank for the default
     * @return the absolute directory (not checked to exist when asked for explicitly)
     * @throws IOException if the corpus cannot be generated
     */
    public static Path corpusDir(String requested) throws IOException {
        return corpusDir(requested, resolveCorpusDir(DEFAULT_CORPUS_DIR), resolveCorpusDir(GENERATED_CORPUS_DIR),
                SyntheticCorpus.FILE_BYTES, System.err);
    }

    /**
     * {@link #corpusDir(String)} with the places and the size as parameters, for tests.
     *
     * @param requested a directory, absolute or relative to the working directory; blank for the default
     * @param shared the default directory, used when present
     * @param generated where to generate the corpus otherwise
     * @param fileBytes UTF-8 bytes per generated file, at most
     * @param log receives the one line saying a generated corpus is used
     * @return the absolute directory
     * @throws IOException if the corpus cannot be generated
     */
    static Path corpusDir(String requested, Path shared, Path generated, int fileBytes, PrintStream log) throws IOException {
        if (requested != null && !requested.isBlank() && !requested.equals(DEFAULT_CORPUS_DIR)) {
            return resolveCorpusDir(requested);
        }
        if (Files.isDirectory(shared)) {
            return shared;
        }
        long started = System.nanoTime();
        boolean written = SyntheticCorpus.write(generated, SyntheticCorpus.SEED, fileBytes);
        log.printf(Locale.ROOT, "corpus: %s is absent, so the benchmarks read a synthetic corpus (seed %d, not comparable with"
                        + " the real one) %s %s%n", shared, SyntheticCorpus.SEED,
                written ? String.format(Locale.ROOT, "generated in %.1f s into", (System.nanoTime() - started) / 1e9)
                        : "generated earlier in", generated);
        return generated;
    }

    /**
     * Resolves a corpus directory: an absolute path as given, a relative one against the working
     * directory.
     *
     * @param corpusDir absolute, or relative to the working directory
     * @return the absolute, normalised path
     */
    public static Path resolveCorpusDir(String corpusDir) {
        return Path.of(corpusDir).toAbsolutePath().normalize();
    }

    /**
     * Decompresses one corpus file fully into memory.
     *
     * @param corpusDir directory holding the file, absolute or relative to the working directory
     * @param fileName an {@code .xz} file in that directory
     * @return the decompressed bytes
     * @throws UncheckedIOException if the file is missing or not valid xz, naming the path
     */
    public static byte[] load(String corpusDir, String fileName) {
        return load(resolveCorpusDir(corpusDir).resolve(fileName));
    }

    /**
     * Decompresses an {@code .xz} file fully into memory.
     *
     * @param xzFile the compressed file
     * @return the decompressed bytes
     * @throws UncheckedIOException if the file is missing or not valid xz, naming the path
     */
    public static byte[] load(Path xzFile) {
        try (InputStream in = new XZInputStream(Files.newInputStream(xzFile), -1)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("corpus file not found: " + xzFile
                    + " (pass the corpus directory as an absolute path, or relative to " + Path.of("").toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decompress " + xzFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The result of {@link #decodeStreaming}: how many UTF-16 chars came out, and a checksum
     * (their sum) that makes every char count.
     *
     * @param chars number of UTF-16 chars decoded
     * @param checksum sum of all decoded chars, wrapping
     */
    public record Decoded(long chars, long checksum) {
    }

    /**
     * Decodes UTF-8 the way a naive streaming reader would: input arrives in slices of
     * {@code sliceBytes}, a {@link CharsetDecoder} turns each into a {@link CharBuffer}, and a
     * sequence cut at a slice edge is carried over to the next slice. Every decoded char is read
     * once (summed into a checksum), as a chunker would have to.
     *
     * @param utf8 well-formed UTF-8
     * @param sliceBytes bytes per slice, at least 4
     * @return the char count and checksum
     * @throws IllegalArgumentException if the input is not well-formed UTF-8
     */
    public static Decoded decodeStreaming(byte[] utf8, int sliceBytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        // room for one slice plus at most 3 carried-over bytes of a cut sequence
        ByteBuffer in = ByteBuffer.allocate(sliceBytes + 4);
        CharBuffer out = CharBuffer.allocate(sliceBytes + 4);
        long chars = 0;
        long checksum = 0;
        int offset = 0;
        while (offset < utf8.length) {
            int n = Math.min(sliceBytes, utf8.length - offset);
            in.put(utf8, offset, n);
            offset += n;
            in.flip();
            boolean last = offset == utf8.length;
            CoderResult result;
            do {
                result = decoder.decode(in, out, last);
                check(result, offset - in.remaining());
                chars += out.position();
                checksum += sum(out);
            } while (result.isOverflow());
            in.compact(); // keeps the bytes of a sequence cut at the slice edge
        }
        if (utf8.length == 0) {
            decoder.decode(in.flip(), out, true); // flush() needs the end of input signalled first
            in.clear();
        }
        CoderResult result;
        do {
            result = decoder.flush(out);
            chars += out.position();
            checksum += sum(out);
        } while (result.isOverflow());
        if (in.position() != 0) {
            throw new IllegalArgumentException("input ends inside a UTF-8 sequence");
        }
        return new Decoded(chars, checksum);
    }

    private static void check(CoderResult result, int byteOffset) {
        if (result.isError()) {
            try {
                result.throwException();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("malformed UTF-8 near byte " + byteOffset + ": " + e, e);
            }
        }
    }

    /** Sums the chars written to {@code out} and clears it for the next round. */
    private static long sum(CharBuffer out) {
        char[] array = out.array();
        int n = out.position();
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += array[i];
        }
        out.clear();
        return s;
    }
}
