package dev.chunking.benchmarks;

import dev.chunking.application.Chunking;
import dev.chunking.cli.ChunkWriter;
import dev.chunking.cli.OutputFormat;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of writing the chunks of a whole 10 MB corpus file (recursive, 1000 / 200, made
 * once per trial and held in memory) in the CLI's output formats to a discarding stream behind
 * the CLI's 64 KiB {@link BufferedOutputStream}: one operation per pass over the chunks, so MB/s
 * of input is {@code ops/s × input bytes / 1e6}. {@code jsonl} and {@code offsets} are the CLI's
 * {@link ChunkWriter}; {@code legacyJsonl} and {@code legacyOffsets} the writer before issue 19
 * ({@link LegacyChunkWriter}); {@code jacksonJsonl} Jackson's streaming generator configured to
 * write the same bytes ({@link JacksonChunkWriter}); {@code copyText} only copies each chunk's
 * text bytes to the stream, the floor of any JSON writer. The setup checks that the three JSON
 * writers, and the two offsets writers, write identical bytes.
 *
 * <p>Run with {@code java -jar chunking-benchmarks/target/benchmarks.jar JsonOutputBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dslf4j.internal.verbosity=ERROR"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class JsonOutputBenchmark {
    /** The CLI's buffer on standard output. */
    private static final int STDOUT_BUFFER = 1 << 16;

    /** Corpus directory, as {@link ChunkingBenchmark#corpusDir}. */
    @Param(BenchmarkInputs.DEFAULT_CORPUS_DIR)
    public String corpusDir;

    /** Corpus file in {@link #corpusDir}. */
    @Param({"en-10MB.txt.xz", "multi-10MB.txt.xz"})
    public String file;

    private List<Chunk> chunks;

    /** Creates the state; JMH fills the parameters and calls {@link #setUp()}. */
    public JsonOutputBenchmark() {
    }

    /**
     * Chunks the corpus file once and checks that the writers agree byte for byte.
     *
     * @throws IOException if the default corpus is absent and cannot be generated, or a writer fails
     */
    @Setup
    public void setUp() throws IOException {
        byte[] input = BenchmarkInputs.load(BenchmarkInputs.corpusDir(corpusDir).toString(), file);
        chunks = chunks(ChunkingBenchmark.chunking("recursive"), DocumentId.of(file), input);
        byte[] jsonl = written(out -> writeAll(new ChunkWriter(OutputFormat.JSONL, out)));
        same("legacyJsonl", jsonl, written(out -> legacy(OutputFormat.JSONL, out)));
        same("jacksonJsonl", jsonl, written(this::jackson));
        same("legacyOffsets", written(out -> writeAll(new ChunkWriter(OutputFormat.OFFSETS, out))),
                written(out -> legacy(OutputFormat.OFFSETS, out)));
    }

    /**
     * The chunks of an input, fed in the benchmarks' 64 KiB slices.
     *
     * @param chunking the strategy and options
     * @param document the document id on every chunk
     * @param input the UTF-8 input
     * @return every chunk, in order
     */
    static List<Chunk> chunks(Chunking chunking, DocumentId document, byte[] input) {
        List<Chunk> all = new ArrayList<>();
        try (Chunker chunker = chunking.open(document, all::add)) {
            for (int at = 0; at < input.length; at += BenchmarkInputs.SLICE_BYTES) {
                chunker.feed(input, at, Math.min(BenchmarkInputs.SLICE_BYTES, input.length - at));
            }
            chunker.finish();
        }
        return all;
    }

    /** A write of every chunk to a stream. */
    private interface Pass {
        long run(OutputStream out) throws IOException;
    }

    private static byte[] written(Pass pass) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pass.run(bytes);
        return bytes.toByteArray();
    }

    private static void same(String writer, byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(writer + " writes other bytes than the CLI's ChunkWriter (first difference at byte "
                    + Arrays.mismatch(expected, actual) + ")");
        }
    }

    private long writeAll(ChunkWriter writer) throws IOException {
        for (Chunk chunk : chunks) {
            writer.write(chunk);
        }
        return chunks.size();
    }

    private long legacy(OutputFormat format, OutputStream out) throws IOException {
        LegacyChunkWriter writer = new LegacyChunkWriter(format, out);
        for (Chunk chunk : chunks) {
            writer.write(chunk);
        }
        return chunks.size();
    }

    private long jackson(OutputStream out) throws IOException {
        JacksonChunkWriter writer = new JacksonChunkWriter(out);
        for (Chunk chunk : chunks) {
            writer.write(chunk);
        }
        writer.flush();
        return chunks.size();
    }

    /** Runs a pass into a discarding stream behind the CLI's buffer, as {@code bin/chunk > /dev/null} writes. */
    private static long discarded(Pass pass) throws IOException {
        OutputStream out = new BufferedOutputStream(OutputStream.nullOutputStream(), STDOUT_BUFFER);
        long n = pass.run(out);
        out.flush();
        return n;
    }

    /**
     * The CLI's {@code --format jsonl}.
     *
     * @return chunks written
     * @throws IOException never, the stream discards
     */
    @Benchmark
    public long jsonl() throws IOException {
        return discarded(out -> writeAll(new ChunkWriter(OutputFormat.JSONL, out)));
    }

    /**
     * The writer before issue 19, {@code --format jsonl}.
     *
     * @return chunks written
     * @throws IOException never, the stream discards
     */
    @Benchmark
    public long legacyJsonl() throws IOException {
        return discarded(out -> legacy(OutputFormat.JSONL, out));
    }

    /**
     * Jackson's streaming generator writing the same lines.
     *
     * @return chunks written
     * @throws IOException never, the stream discards
     */
    @Benchmark
    public long jacksonJsonl() throws IOException {
        return discarded(this::jackson);
    }

    /**
     * The CLI's {@code --format offsets}.
     *
     * @return chunks written
     * @throws IOException never, the stream discards
     */
    @Benchmark
    public long offsets() throws IOException {
        return discarded(out -> writeAll(new ChunkWriter(OutputFormat.OFFSETS, out)));
    }

    /**
     * The writer before issue 19, {@code --format offsets}.
     *
     * @return chunks written
     * @throws IOException never, the stream discards
     */
    @Benchmark
    public long legacyOffsets() throws IOException {
        return discarded(out -> legacy(OutputFormat.OFFSETS, out));
    }

    /**
     * The floor: each chunk's text bytes copied to the stream, nothing escaped or added.
     *
     * @return chunks written
     * @throws IOException never, the stream discards
     */
    @Benchmark
    public long copyText() throws IOException {
        return discarded(out -> {
            byte[] text = new byte[1 << 14];
            for (Chunk chunk : chunks) {
                int length = chunk.content().byteLength();
                if (length > text.length) {
                    text = new byte[length];
                }
                chunk.content().copyBytes(0, length, text, 0);
                out.write(text, 0, length);
            }
            return chunks.size();
        });
    }
}
