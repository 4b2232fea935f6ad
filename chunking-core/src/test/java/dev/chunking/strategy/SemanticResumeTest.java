package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A resumed {@code semantic} run on real prose: it emits exactly the rest of the uninterrupted run and sends the
 * embedder exactly the batches the uninterrupted run sent after the resume point, so no sentence whose vector the
 * resume point saved is embedded again (an external model need not give the same vector twice) and every batch is
 * composed as before.
 */
class SemanticResumeTest {
    private static final DocumentId DOC = DocumentId.of("modules");
    private static final int PIECE = 1024;

    @Test
    void aResumedRunEmbedsOnlyWhatTheUninterruptedRunEmbeddedAfterThePointAndEmitsTheSameChunks() {
        resumesFromEveryPoint(ChunkingOptions.builder().maxSize(400).overlap(40).parameter("batch-size", "5")
                .parameter("window", "16").parameter("threshold", "90").build());
    }

    @Test
    void aResumedRunInTokensWithLargeBatchesEmbedsNothingTwice() {
        // Large batches keep many sentences waiting in the state, and overlap and min size make the window start lag behind.
        resumesFromEveryPoint(ChunkingOptions.builder().maxSize(300).overlap(100).minSize(120).unit(SizeUnit.TOKENS)
                .tokenCounter("codepoints").parameter("batch-size", "64").parameter("window", "32").parameter("threshold", "80")
                .build());
    }

    @Test
    void aResumedRunKeepsBatchesClosedByTheirBytesAndSentencesCutAtTheCap() {
        // Batches as large as allowed close only at 64 KiB of text or at a sentence reaching the cap of 2048 code points.
        ChunkingOptions options = ChunkingOptions.builder().maxSize(500).overlap(50).parameter("batch-size", "4096")
                .parameter("window", "8").parameter("threshold", "60").malformedInput(MalformedInputPolicy.REPLACE).build();
        List<List<String>> batches = resumesFromEveryPoint(options, longSentences(), 4 * PIECE);
        assertThat(batches).as("a batch closed by its bytes").anySatisfy(b -> assertThat(b.size()).isBetween(500, 4095));
        assertThat(batches).as("a sentence cut at the cap").anySatisfy(b ->
                assertThat(b).anySatisfy(t -> assertThat(t.codePointCount(0, t.length())).isEqualTo(2048)));
    }

    /** Short sentences over 64 KiB, run-on sentences past the cap (one with a malformed byte), and short ones again. */
    private static byte[] longSentences() {
        Random random = new Random(18);
        String[] words = {"stars", "galaxy", "onions", "pan", "\u00e9t\u00e9", "\u65e5\u672c\u8a9e", "stream", "module", "the", "of"};
        StringBuilder text = new StringBuilder();
        for (int part = 0; part < 3; part++) {
            while (text.length() < 70_000 * (part + 1)) {
                StringBuilder sentence = new StringBuilder("Now");
                for (int n = 3 + random.nextInt(12); n > 0; n--) {
                    sentence.append(' ').append(words[random.nextInt(words.length)]);
                }
                text.append(sentence).append(random.nextInt(20) == 0 ? ".\n\n" : ". ");
            }
            for (int run = 0; run < 3 && part < 2; run++) {
                int length = 2500 + random.nextInt(4000);
                for (int n = 0; n < length; n += 6) {
                    text.append(words[random.nextInt(words.length)]).append(random.nextInt(30) == 0 ? '\n' : ' ');
                }
                text.append(run == 1 ? "\ufffd" : "").append("end. ");
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBF && bytes[i + 2] == (byte) 0xBD) {
                bytes[i] = (byte) 0xFF; // a malformed sequence of three bytes, each replaced by U+FFFD
            }
        }
        return bytes;
    }

    private static void resumesFromEveryPoint(ChunkingOptions options) {
        resumesFromEveryPoint(options, prose("nodejs-modules.md"), PIECE);
    }

    /** Resumes after every piece of the input; returns the batches of the uninterrupted run. */
    private static List<List<String>> resumesFromEveryPoint(ChunkingOptions options, byte[] input, int piece) {
        List<List<String>> batches = new ArrayList<>();
        List<Chunk> whole = new ArrayList<>();
        List<ResumePoint> points = new ArrayList<>();
        List<Integer> batchesBefore = new ArrayList<>();
        try (Chunker chunker = chunking(options, batches).open(DOC, whole::add)) {
            for (int at = 0; at < input.length; at += piece) {
                chunker.feed(input, at, Math.min(piece, input.length - at));
                points.add(chunker.resumePoint());
                batchesBefore.add(batches.size());
            }
            chunker.finish();
        }
        assertThat(whole).as("chunks").hasSizeGreaterThan(50);
        assertThat(points).as("points whose state holds sentences waiting or embedded").anySatisfy(p ->
                assertThat(p.state().length).isGreaterThan(1024)); // one vector of the lexical embedder is 1 KiB

        for (int k = 0; k < points.size(); k++) {
            ResumePoint point = points.get(k);
            List<List<String>> resumedBatches = new ArrayList<>();
            List<Chunk> resumed = new ArrayList<>(whole.subList(0, (int) point.nextIndex()));
            try (Chunker chunker = chunking(options, resumedBatches).resume(DOC, resumed::add, point)) {
                for (int at = (int) point.byteOffset(); at < input.length; at += piece) {
                    chunker.feed(input, at, Math.min(piece, input.length - at));
                }
                chunker.finish();
            }
            assertThat(resumed).as("chunks resumed after piece %d, at %s", k, point).isEqualTo(whole);
            assertThat(resumedBatches).as("batches resumed after piece %d, at %s", k, point)
                    .isEqualTo(batches.subList(batchesBefore.get(k), batches.size()));
        }
        return batches;
    }

    private static Chunking chunking(ChunkingOptions options, List<List<String>> batches) {
        return Chunking.of(new SemanticStrategy(recording(batches)), options, new CodePointCounter());
    }

    /** The lexical embedder, recording each batch it is asked to embed. */
    private static Embedder recording(List<List<String>> batches) {
        LexicalEmbedder lexical = new LexicalEmbedder();
        return new Embedder() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public String description() {
                return "records its batches";
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                batches.add(List.copyOf(texts));
                return lexical.embed(texts);
            }
        };
    }

    private static byte[] prose(String name) {
        try (InputStream in = SemanticResumeTest.class.getResourceAsStream("/prose/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
