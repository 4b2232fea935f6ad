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

/** Promise 5: a run resumed from any resume point emits exactly the rest of an uninterrupted run. */
class ResumePropertiesTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    @Provide
    Arbitrary<Chunking> chunkings() {
        Arbitrary<String> strategy = Arbitraries.of("character", "recursive");
        Arbitrary<ChunkingOptions> options = Arbitraries.integers().between(1, 200).flatMap(max -> Combinators.combine(
                Arbitraries.integers().between(0, max - 1), Arbitraries.integers().between(-1, max),
                Arbitraries.of(SizeUnit.values()), Arbitraries.of(MalformedInputPolicy.values()))
                .as((overlap, min, unit, policy) -> {
                    // min -1: the default min size, so chunks under it are merged (held back) by default
                    ChunkingOptions.Builder builder = ChunkingOptions.builder().maxSize(max).overlap(overlap)
                            .unit(unit).tokenCounter("codepoints").malformedInput(policy);
                    return (min < 0 ? builder : builder.minSize(min)).build();
                }));
        return Combinators.combine(strategy, options).as(Chunking::of);
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        // Text, now and then with a malformed sequence (REPORT runs with one then stop early; both must agree).
        Arbitrary<byte[]> text = Texts.documents().map(s -> s.getBytes(StandardCharsets.UTF_8));
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

    @Property(tries = 1500)
    void resumesFromAnyPointToExactlyTheRestOfAnUninterruptedRun(@ForAll("chunkings") Chunking chunking,
                                                                 @ForAll("inputs") byte[] input, @ForAll long seed) {
        Random random = new Random(seed);
        List<Chunk> whole = new ArrayList<>();
        List<ResumePoint> points;
        try (Chunker chunker = chunking.open(DOC, whole::add)) {
            points = feed(chunker, input, 0, random);
        } catch (MalformedInputException e) {
            return; // REPORT on malformed input: nothing to resume
        }
        points.add(0, ResumePoint.START);
        ResumePoint point = points.get(random.nextInt(points.size()));
        List<Chunk> resumed = new ArrayList<>(whole.subList(0, (int) point.nextIndex()));
        try (Chunker chunker = chunking.resume(DOC, resumed::add, point)) {
            feed(chunker, input, (int) point.byteOffset(), random);
            assertThat(chunker.replacements()).as("replacements").isEqualTo(replacements(whole));
        }
        assertThat(resumed).isEqualTo(whole);
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
