package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** The benchmark inputs: the corpus loader and the streaming-decode baseline, checked cheaply. */
class BenchmarkInputsTest {
    @TempDir
    Path dir;

    @Test
    void loadDecompressesToTheOriginalBytes() throws IOException {
        byte[] original = new byte[300_000];
        new Random(42).nextBytes(original);
        byte[] text = "héllo 世界 👋🏽\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, original, 0, text.length);
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(dir.resolve("sample.txt.xz")), new LZMA2Options())) {
            out.write(original);
        }

        assertThat(BenchmarkInputs.load(dir.toString(), "sample.txt.xz")).isEqualTo(original);
        assertThat(BenchmarkInputs.load(dir.resolve("sample.txt.xz"))).isEqualTo(original);
    }

    @Test
    void loadNamesAMissingFile() {
        assertThatThrownBy(() -> BenchmarkInputs.load(dir.toString(), "missing.txt.xz"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.txt.xz");
    }

    @Test
    void relativeCorpusDirResolvesAgainstTheWorkingDirectory() {
        assertThat(BenchmarkInputs.resolveCorpusDir("../elsewhere/corpus"))
                .isEqualTo(Path.of("").toAbsolutePath().getParent().resolve("elsewhere/corpus"));
        assertThat(BenchmarkInputs.resolveCorpusDir(dir.toString())).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void decoderLoopMatchesNewStringAcrossSliceEdges() {
        int slice = BenchmarkInputs.SLICE_BYTES;
        // each piece of 2-, 3- and 4-byte sequences, shifted by 0..3 ASCII bytes so that every
        // kind of sequence is cut at every position by the 64 KiB edges
        for (String wide : new String[] {"é", "世", "👋", "é世👋🏽🇯🇵"}) {
            for (int shift = 0; shift < 4; shift++) {
                String text = "a".repeat(slice - 2 + shift) + wide.repeat(20) + "b".repeat(slice - 7) + wide.repeat(5);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

                BenchmarkInputs.Decoded decoded = BenchmarkInputs.decodeStreaming(utf8, slice);

                String expected = new String(utf8, StandardCharsets.UTF_8);
                assertThat(decoded.chars()).as("%s shifted by %d", wide, shift).isEqualTo(expected.length());
                assertThat(decoded.checksum()).isEqualTo(expected.chars().asLongStream().sum());
            }
        }
    }

    @Test
    void decoderLoopHandlesTinySlicesAndEmptyInput() {
        byte[] utf8 = "x世👋🏽y".getBytes(StandardCharsets.UTF_8);
        for (int slice = 4; slice <= utf8.length; slice++) {
            assertThat(BenchmarkInputs.decodeStreaming(utf8, slice).chars()).isEqualTo("x世👋🏽y".length());
        }
        assertThat(BenchmarkInputs.decodeStreaming(new byte[0], 4)).isEqualTo(new BenchmarkInputs.Decoded(0, 0));
    }

    @Test
    void decoderLoopRejectsTruncatedInput() {
        byte[] utf8 = "ab世".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(utf8, utf8.length - 1);
        assertThatThrownBy(() -> BenchmarkInputs.decodeStreaming(truncated, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
