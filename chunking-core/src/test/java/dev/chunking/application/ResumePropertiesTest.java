package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.Chunker;
import dev.chunking.testing.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Promise 5: a run resumed from any resume point emits exactly the rest of an uninterrupted run, for every built-in
 * strategy: text, offsets, metadata (heading paths, ids, parent ids, attributes), indices and replacements.
 */
class ResumePropertiesTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    /** Options for a strategy: any sizes, overlap, min size (-1: the default), unit and policy it accepts, and its parameters. */
    private static Arbitrary<Chunking> chunkings(String strategy) {
        Arbitrary<ChunkingOptions> options = Arbitraries.integers().between(1, 200).flatMap(max -> Combinators.combine(
                Arbitraries.integers().between(0, max - 1), Arbitraries.integers().between(-1, max),
                Arbitraries.of(SizeUnit.values()), Arbitraries.of(MalformedInputPolicy.values()), Arbitraries.integers().between(0, 7))
                .as((overlap, min, unit, policy, variant) -> {
                    // min -1: the default min size, so chunks under it are merged (held back) by default
                    ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(max).overlap(overlap)
                            .unit(unit).tokenCounter("codepoints").malformedInput(policy);
                    parameters(strategy, builder, max, variant);
                    return (min < 0 ? builder : builder.minSize(min)).build();
                }));
        return options.map(o -> Chunking.of(strategy, o));
    }

    /** The strategy's own parameters, varied by {@code variant}. */
    private static void parameters(String strategy, ChunkingOptions.Builder builder, int max, int variant) {
        switch (strategy) {
            case "markdown" -> builder.parameter("front-matter", variant % 2 == 0 ? "chunk" : "skip");
            case "semantic" -> builder.parameter("window", String.valueOf(8 + variant * 3))
                    .parameter("threshold", String.valueOf(50 + variant * 7)).parameter("batch-size", String.valueOf(1 + variant));
            case "hybrid" -> {
                builder.parameter("front-matter", variant % 2 == 0 ? "chunk" : "skip");
                if (variant >= 4) {
                    builder.parameter("embedder", "lexical").parameter("window", "8").parameter("batch-size", String.valueOf(variant));
                }
            }
            case "hierarchical" -> builder.malformedInput(MalformedInputPolicy.REPORT) // it cannot replace malformed input
                    .parameter("levels", switch (variant % 3) {
                        case 0 -> max * 3 + "," + max;
                        case 1 -> max * 4 + "," + max * 2 + "," + max;
                        default -> max * 16 + "," + max * 8 + "," + max * 4 + "," + max * 2 + "," + max; // the most levels
                    });
            default -> {
                // character and recursive have no parameters
            }
        }
    }

    @Provide
    Arbitrary<Chunking> character() {
        return chunkings("character");
    }

    @Provide
    Arbitrary<Chunking> recursive() {
        return chunkings("recursive");
    }

    @Provide
    Arbitrary<Chunking> markdown() {
        return chunkings("markdown");
    }

    @Provide
    Arbitrary<Chunking> semantic() {
        return chunkings("semantic");
    }

    @Provide
    Arbitrary<Chunking> hierarchical() {
        return chunkings("hierarchical");
    }

    @Provide
    Arbitrary<Chunking> hybrid() {
        return chunkings("hybrid");
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        // Text, now and then with a malformed sequence (REPORT runs with one then stop early; both must agree).
        Arbitrary<byte[]> text = Arbitraries.oneOf(Texts.documents(), Texts.markdown()).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> defect = Arbitraries.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98});
        return Combinators.combine(text, defect, text, Arbitraries.integers().between(0, 4)).as((a, bad, b, mode) -> {
            if (mode > 0) {
                return a;
            }
            byte[] all = new byte[a.length + bad.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(bad, 0, all, a.length, bad.length);
            System.arraycopy(b, 0, all, a.length + bad.length, b.length);
            return all;
        });
    }

    /** Feeds {@code input[from..]} in random pieces, recording a resume point after every piece. */
    private static List<ResumePoint> feed(Chunker chunker, byte[] input, int from, Random random) {
        List<ResumePoint> points = new ArrayList<>();
        int maxPiece = 1 + random.nextInt(random.nextBoolean() ? 8 : 3000);
        for (int at = from; at < input.length; ) {
            int n = Math.min(input.length - at, 1 + random.nextInt(maxPiece));
            chunker.feed(input, at, n);
            at += n;
            points.add(chunker.resumePoint());
        }
        chunker.finish();
        return points;
    }

    @Property(tries = 600)
    void characterResumesFromAnyPointToExactlyTheRestOfAnUninterruptedRun(@ForAll("character") Chunking chunking,
                                                                          @ForAll("inputs") byte[] input, @ForAll long seed) {
        resumesExactly(chunking, input, seed);
    }

    @Property(tries = 600)
    void recursiveResumesFromAnyPointToExactlyTheRestOfAnUninterruptedRun(@ForAll("recursive") Chunking chunking,
                                                                          @ForAll("inputs") byte[] input, @ForAll long seed) {
        resumesExactly(chunking, input, seed);
    }

    @Property(tries = 600)
    void markdownResumesFromAnyPointToExactlyTheRestOfAnUninterruptedRun(@ForAll("markdown") Chunking chunking,
                                                                         @ForAll("inputs") byte[] input, @ForAll long seed) {
        resumesExactly(chunking, input, seed);
    }

    @Property(tries = 400)
    void semanticResumesFromAnyPointToExactlyTheRestOfAnUninterruptedRun(@ForAll("semantic") Chunking chunking,
                                                                         @ForAll("inputs") byte[] input, @ForAll long seed) {
        resumesExactly(chunking, input, seed);
    }

    @Property(tries = 600)
    void hierarchicalResumesFromAnyPointToExactlyTheRestOfAnUninterruptedRun(@ForAll("hierarchical") Chunking chunking,
                                                                             @ForAll("inputs") byte[] input, @ForAll long seed) {
        resumesExactly(chunking, input, seed);
    }

    @Property(tries = 600)
    void hybridResumesFromAnyPointToExactlyTheRestOfAnUninterruptedRun(@ForAll("hybrid") Chunking chunking,
                                                                       @ForAll("inputs") byte[] input, @ForAll long seed) {
        resumesExactly(chunking, input, seed);
    }

    /**
     * Runs the input through in random pieces, then resumes from a random resume point of that run, and again from a
     * random point of the resumed run: each time exactly the rest of the uninterrupted run comes out.
     */
    private static void resumesExactly(Chunking chunking, byte[] input, long seed) {
        Random random = new Random(seed);
        List<Chunk> whole = new ArrayList<>();
        List<ResumePoint> points;
        long replaced;
        try (Chunker chunker = chunking.open(DOC, whole::add)) {
            points = feed(chunker, input, 0, random);
            replaced = chunker.replacements();
        } catch (MalformedInputException e) {
            return; // REPORT on malformed input: nothing to resume
        }
        if (chunking.options().parameter("front-matter").filter("skip"::equals).isEmpty()) {
            assertThat(replaced).as("replacements").isEqualTo(replacements(whole));
        } else { // those in skipped front matter count too, though no chunk holds them
            assertThat(replaced).as("replacements").isGreaterThanOrEqualTo(replacements(whole));
        }
        points.add(0, ResumePoint.START);
        ResumePoint point = points.get(random.nextInt(points.size()));
        for (int round = 0; round < 2; round++) {
            List<Chunk> resumed = new ArrayList<>(whole.subList(0, (int) point.nextIndex()));
            List<ResumePoint> later;
            try (Chunker chunker = chunking.resume(DOC, resumed::add, point)) {
                later = feed(chunker, input, (int) point.byteOffset(), random);
                assertThat(chunker.replacements()).as("replacements").isEqualTo(replaced);
            }
            assertThat(resumed).as("resumed at %s", point).isEqualTo(whole);
            if (later.isEmpty()) {
                return;
            }
            point = later.get(random.nextInt(later.size()));
        }
    }

    @net.jqwik.api.Example
    void resumesInsideGraphemeClustersLongerThanTheMax() {
        String family = "\ud83d\udc68\u200d".repeat(4) + "\ud83d\udc68";
        String prependsAndFlags = "\u0600\u0600\u0600" + "\ud83c\uddfa\ud83c\uddf8\ud83c\uddeb";
        for (String text : List.of(family, prependsAndFlags, "e" + "\u0301".repeat(50) + "x\u200d\ud83d\ude00")) {
            for (int max = 1; max <= 5; max++) {
                for (SizeUnit unit : SizeUnit.values()) {
                    Chunking chunking = Chunking.of("character", ChunkingOptions.builder().maxSize(max).overlap(0).unit(unit).tokenCounter("codepoints").build());
                    byte[] input = text.getBytes(StandardCharsets.UTF_8);
                    List<Chunk> whole = new ArrayList<>();
                    List<ResumePoint> points = new ArrayList<>();
                    try (Chunker chunker = chunking.open(DOC, whole::add)) {
                        for (int at = 0; at < input.length; at++) {
                            chunker.feed(input, at, 1);
                            points.add(chunker.resumePoint());
                        }
                        chunker.finish();
                    }
                    for (ResumePoint point : points) {
                        List<Chunk> resumed = new ArrayList<>(whole.subList(0, (int) point.nextIndex()));
                        try (Chunker chunker = chunking.resume(DOC, resumed::add, point)) {
                            chunker.feed(input, (int) point.byteOffset(), input.length - (int) point.byteOffset());
                            chunker.finish();
                        }
                        assertThat(resumed).as("resumed at %s, max %d, %s", point, max, unit).isEqualTo(whole);
                    }
                }
            }
        }
    }

    private static long replacements(List<Chunk> chunks) {
        long n = 0;
        long previousEnd = 0;
        for (Chunk c : chunks) {
            // count each replaced sequence once, also where chunks overlap
            String fresh = new String(c.text().codePoints().skip(Math.max(0, previousEnd - c.start())).toArray(), 0,
                    (int) Math.max(0, c.end() - Math.max(previousEnd, c.start())));
            n += fresh.codePoints().filter(cp -> cp == 0xFFFD).count();
            previousEnd = Math.max(previousEnd, c.end());
        }
        return n;
    }
}
