package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingChunkTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final String TEXT = "abcdefghijklmnopqrstuvwxyz";

    private final List<Chunk> out = new ArrayList<>();

    private static Chunk piece(int start, int end, ChunkMetadata metadata) {
        String s = TEXT.substring(start, end);
        return new Chunk(DOC, 99, Utf8Text.of(s), start, end, start, end, end - start, SizeUnit.CHARS, "test", metadata, 0);
    }

    private static Chunk piece(int start, int end) {
        return piece(start, end, ChunkMetadata.NONE);
    }

    private static ChunkMetadata headings(String... path) {
        return new ChunkMetadata(List.of(path), path.length, Optional.empty(), Optional.empty(), Map.of());
    }

    private static ResumePoint before(int at, long index) {
        return new ResumePoint(at, at, at, at, index, 0);
    }

    private PendingChunk pending(int max, int min) {
        return new PendingChunk(out::add, max, min, null, 0, false);
    }

    @Test
    void mergesATinyTailIntoTheChunkBeforeWhenTheUnionFitsAndNumbersChunksAsPassedOn() {
        PendingChunk p = pending(12, 3);
        p.offer(piece(0, 10), before(0, 7));
        p.offer(piece(10, 12), before(10, 8));
        p.finish();
        assertThat(out).extracting(Chunk::text, Chunk::index, Chunk::start, Chunk::end, Chunk::byteEnd, Chunk::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("abcdefghijkl", 0L, 0L, 12L, 12L, 12));
    }

    @Test
    void mergesATinyPieceIntoTheNextWhenTheOneBeforeHasNoRoom() {
        PendingChunk p = pending(10, 3);
        p.offer(piece(0, 10), before(0, 0));
        p.offer(piece(10, 12), before(10, 1));
        p.offer(piece(12, 19), before(12, 2));
        p.finish();
        assertThat(out).extracting(Chunk::text).containsExactly("abcdefghij", "klmnopqrs");
        assertThat(out).extracting(Chunk::index).containsExactly(0L, 1L);
    }

    @Test
    void keepsATinyPieceThatFitsWithNoNeighbour() {
        PendingChunk p = pending(10, 3);
        p.offer(piece(0, 10), before(0, 0));
        p.offer(piece(10, 11), before(10, 1));
        p.finish();
        assertThat(out).extracting(Chunk::text).containsExactly("abcdefghij", "k");
    }

    @Test
    void mergesAnOverlappingTinyPieceAsTheExactSliceOfBoth() {
        PendingChunk p = pending(14, 5);
        p.offer(piece(0, 10), before(0, 0));
        p.offer(piece(8, 12), before(8, 1)); // overlaps "ij"
        p.finish();
        assertThat(out).extracting(Chunk::text).containsExactly("abcdefghijkl");
        assertThat(out.get(0).byteStart()).isZero();
        assertThat(out.get(0).byteEnd()).isEqualTo(12);
    }

    @Test
    void mergesUnderTheSameTopLevelHeadingOrATinyLaterSectionBackKeepingTheEarlierMetadataButNeverAcrossFrontMatter() {
        PendingChunk p = pending(26, 5);
        p.offer(piece(0, 8, headings("A", "A.1")), before(0, 0));
        p.offer(piece(8, 10, headings("A", "A.2")), before(8, 1));
        p.offer(piece(10, 14, headings("B")), before(10, 2)); // tiny, but it would join as the earlier one: never
        p.offer(piece(14, 22, headings("C")), before(14, 3));
        ChunkMetadata front = new ChunkMetadata(List.of(), 0, Optional.empty(), Optional.empty(), Map.of("block", "front-matter"));
        p.offer(piece(22, 24, front), before(22, 4));
        p.finish();
        assertThat(out).extracting(Chunk::text).containsExactly("abcdefghijklmn", "opqrstuv", "wx");
        assertThat(out.get(0).metadata()).as("the tiny later section B joined the chunk before it").isEqualTo(headings("A", "A.1"));
        assertThat(out.get(1).metadata()).as("the tiny B did not take C in under its own heading").isEqualTo(headings("C"));
    }

    @Test
    void aTinySectionUnderAnotherTopLevelHeadingJoinsTheChunkBeforeItOnlyWhenTheUnionFits() {
        PendingChunk p = pending(10, 4);
        p.offer(piece(0, 8, headings("A")), before(0, 0));
        p.offer(piece(8, 11, headings("B")), before(8, 1)); // 11 > 10: no room before it, and C is another section
        p.offer(piece(11, 19, headings("C")), before(11, 2));
        p.finish();
        assertThat(out).extracting(Chunk::text).containsExactly("abcdefgh", "ijk", "lmnopqrs");
    }

    @Test
    void theResumePointLiesBeforeTheHeldChunkAndCarriesItsIndex() {
        PendingChunk p = pending(10, 3);
        ResumePoint current = before(20, 0);
        assertThat(p.resumePoint(current)).isEqualTo(current);
        p.offer(piece(0, 10), before(0, 0));
        assertThat(p.resumePoint(current)).isEqualTo(before(0, 0));
        p.offer(piece(10, 12), before(10, 1));
        assertThat(out).hasSize(1);
        assertThat(p.resumePoint(current)).as("the tiny piece is held, to join the next").isEqualTo(before(10, 1));
        p.finish();
        assertThat(p.resumePoint(current)).isEqualTo(new ResumePoint(20, 20, 20, 20, 2, 0));
    }

    @Test
    void holdsNothingBackWithMinSizeZero() {
        PendingChunk p = pending(10, 0);
        p.offer(piece(0, 10), before(0, 0));
        p.offer(piece(10, 11), before(10, 1));
        assertThat(out).extracting(Chunk::text).containsExactly("abcdefghij", "k");
        assertThat(p.resumePoint(before(11, 0))).isEqualTo(new ResumePoint(11, 11, 11, 11, 2, 0));
    }

    @Test
    void countsTheMergedTextInTheUnitOfTheOptions() {
        PendingChunk p = new PendingChunk(out::add, 3, 2, text -> text.toString().split(" ").length, 0, false);
        byte[] utf8 = "ab cd ef".getBytes(StandardCharsets.UTF_8);
        p.offer(new Chunk(DOC, 0, Utf8Text.copyOf(utf8, 0, 6, 6), 0, 6, 0, 6, 2, SizeUnit.TOKENS, "t", ChunkMetadata.NONE, 0),
                before(0, 0));
        p.offer(new Chunk(DOC, 0, Utf8Text.copyOf(utf8, 6, 2, 2), 6, 8, 6, 8, 1, SizeUnit.TOKENS, "t", ChunkMetadata.NONE, 0),
                before(6, 1));
        p.finish();
        assertThat(out).extracting(Chunk::text, Chunk::size).containsExactly(org.assertj.core.groups.Tuple.tuple("ab cd ef", 3));
    }
}
