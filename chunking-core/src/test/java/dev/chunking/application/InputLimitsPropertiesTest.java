package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.ResumePoint;
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
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the limits and however the input is split, a limited run delivers exactly what an
 * unlimited run delivers, or a prefix of it and an {@link InputLimitException}; never a chunk
 * the unlimited run does not make.
 */
class InputLimitsPropertiesTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    @Provide
    Arbitrary<Chunking> chunkings() {
        Arbitrary<String> strategy = Arbitraries.of("character", "recursive", "markdown", "hierarchical");
        return Combinators.combine(strategy, Arbitraries.integers().between(3, 80), Arbitraries.integers().between(0, 99))
                .as((name, max, lap) -> {
                    ChunkingOptions.Builder options = ChunkingOptions.builder().maxSize(max);
                    return Chunking.of(name, name.equals("hierarchical")
                            ? options.overlap(0).parameter("levels", max + "," + (max / 3)).build()
                            : options.overlap(max * lap / 100).build());
                });
    }

    @Provide
    Arbitrary<Chunking> resumable() {
        return Combinators.combine(Arbitraries.of("character", "recursive"), Arbitraries.integers().between(1, 80),
                Arbitraries.integers().between(0, 99)).as((name, max, lap) -> Chunking.of(name,
                        ChunkingOptions.builder().maxSize(max).overlap(max * lap / 100).build()));
    }

    @Provide
    Arbitrary<String> markdown() {
        return Texts.markdown();
    }

    @Provide
    Arbitrary<String> documents() {
        return Texts.documents();
    }

    /** A limit as a percentage of what the unlimited run needs: mostly enough (100 and more), now and then too little. */
    @Provide
    Arbitrary<Integer> shares() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(100, 150)),
                Tuple.of(1, Arbitraries.integers().between(0, 99)));
    }

    /** Feeds {@code utf8[from..]} in random pieces, as bytes or as chars (then cutting surrogate pairs too). */
    private static void feed(Chunker chunker, byte[] utf8, int from, Random random) {
        int maxPiece = 1 + random.nextInt(random.nextBoolean() ? 8 : 2000);
        if (from == 0 && random.nextBoolean()) {
            String text = new String(utf8, StandardCharsets.UTF_8);
            for (int at = 0; at < text.length(); ) {
                int n = Math.min(text.length() - at, random.nextInt(maxPiece + 1));
                chunker.feed(text.subSequence(at, at + n));
                at += n;
            }
        } else {
            for (int at = from; at < utf8.length; ) {
                int n = Math.min(utf8.length - at, random.nextInt(maxPiece + 1));
                chunker.feed(utf8, at, n);
                at += n;
            }
        }
        chunker.finish();
    }

    @Property(tries = 1000)
    void aLimitedRunDeliversTheUnlimitedChunksOrAPrefixOfThemAndRefusesTheRest(
            @ForAll("chunkings") Chunking chunking, @ForAll("markdown") String text, @ForAll("shares") int bytesShare,
            @ForAll("shares") int chunksShare, @ForAll("shares") int metadataShare, @ForAll long seed) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<Chunk> all = Chunking.of(chunking.strategy().name(), chunking.options().withLimits(InputLimits.unlimited()))
                .chunk(DOC, text);
        long largestMetadata = all.stream().mapToLong(c -> c.metadata().byteSize()).max().orElse(0);
        InputLimits limits = new InputLimits((long) utf8.length * bytesShare / 100, (long) all.size() * chunksShare / 100,
                largestMetadata * metadataShare / 100);
        int firstRefused = 0;
        while (firstRefused < all.size() && firstRefused < limits.maxChunks()
                && all.get(firstRefused).metadata().byteSize() <= limits.maxMetadataBytes()) {
            firstRefused++;
        }
        boolean tooLong = utf8.length > limits.maxDocumentBytes();
        Statistics.label("outcome").collect(tooLong ? "document too long" : firstRefused == all.size() ? "within the limits"
                : firstRefused >= limits.maxChunks() ? "too many chunks" : "too much metadata");
        Statistics.label("outcome").coverage(check -> {
            check.check("within the limits").percentage(p -> p > 10);
            check.check("document too long").percentage(p -> p > 10);
            check.check("too many chunks").percentage(p -> p > 5);
            check.check("too much metadata").percentage(p -> p > 2);
        });

        List<Chunk> delivered = new ArrayList<>();
        Chunker chunker = Chunking.of(chunking.strategy().name(), chunking.options().withLimits(limits)).open(DOC, delivered::add);
        InputLimitException refused = null;
        try {
            feed(chunker, utf8, 0, new Random(seed));
        } catch (InputLimitException e) {
            refused = e;
        }

        if (!tooLong && firstRefused == all.size()) {
            assertThat(refused).isNull();
            assertThat(delivered).isEqualTo(all);
            return;
        }
        assertThat(refused).as("a run past a limit is refused").isNotNull();
        assertThat(delivered).isEqualTo(all.subList(0, delivered.size())).hasSizeLessThanOrEqualTo(firstRefused);
        if (tooLong) {
            assertThat(delivered).allSatisfy(c -> assertThat(c.byteEnd()).isLessThanOrEqualTo(limits.maxDocumentBytes()));
        } else {
            assertThat(delivered).hasSize(firstRefused);
            assertThat(refused).hasMessageContaining(firstRefused >= limits.maxChunks() ? "(InputLimits.maxChunks, --max-chunks)"
                    : "(InputLimits.maxMetadataBytes, --max-metadata-bytes)");
        }
        assertThatThrownBy(chunker::finish).isInstanceOf(ChunkerStateException.class);
    }

    @Property(tries = 600)
    void aResumedRunCountsBytesFromTheDocumentStartAndChunksFromIndexZero(
            @ForAll("resumable") Chunking chunking, @ForAll("documents") String text, @ForAll("shares") int bytesShare,
            @ForAll("shares") int chunksShare, @ForAll @IntRange(max = 100) int cutShare, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Chunking unlimited = Chunking.of(chunking.strategy().name(), chunking.options().withLimits(InputLimits.unlimited()));
        List<Chunk> all = unlimited.chunk(DOC, text);
        ResumePoint point;
        try (Chunker first = unlimited.open(DOC, c -> { })) {
            first.feed(utf8, 0, utf8.length * cutShare / 100);
            point = first.resumePoint();
        }
        InputLimits limits = InputLimits.unlimited().withMaxDocumentBytes((long) utf8.length * bytesShare / 100)
                .withMaxChunks((long) all.size() * chunksShare / 100);
        boolean tooLong = utf8.length > limits.maxDocumentBytes();
        boolean tooMany = all.size() > limits.maxChunks();
        Statistics.label("outcome").collect(tooLong ? "document too long" : tooMany ? "too many chunks" : "within the limits");
        Statistics.label("outcome").coverage(check -> {
            check.check("within the limits").percentage(p -> p > 10);
            check.check("document too long").percentage(p -> p > 10);
            check.check("too many chunks").percentage(p -> p > 5);
        });

        List<Chunk> delivered = new ArrayList<>();
        InputLimitException refused = null;
        try (Chunker resumed = Chunking.of(chunking.strategy().name(), chunking.options().withLimits(limits))
                .resume(DOC, delivered::add, point)) {
            feed(resumed, utf8, (int) point.byteOffset(), random);
        } catch (InputLimitException e) {
            refused = e;
        }

        List<Chunk> rest = all.subList((int) point.nextIndex(), all.size());
        if (!tooLong && !tooMany) {
            assertThat(refused).isNull();
            assertThat(delivered).isEqualTo(rest);
            return;
        }
        assertThat(refused).as("a resumed run past a limit is refused").isNotNull();
        assertThat(delivered).isEqualTo(rest.subList(0, delivered.size()));
        if (tooLong) {
            assertThat(delivered).allSatisfy(c -> assertThat(c.byteEnd()).isLessThanOrEqualTo(limits.maxDocumentBytes()));
        } else {
            assertThat(delivered).hasSize((int) Math.max(0, limits.maxChunks() - point.nextIndex()));
            assertThat(refused).hasMessage("document doc: " + Math.max(limits.maxChunks() + 1, point.nextIndex())
                    + " chunks made, more than the limit of " + limits.maxChunks()
                    + " chunks (InputLimits.maxChunks, --max-chunks); raise the limit or split the document");
        }
    }
}
