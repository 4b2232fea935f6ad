package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.Chunker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code recursive} cuts a paragraph too long for one chunk apart from its neighbours: the chunk
 * that holds its rest ends where it ends, and the next chunk starts at the next paragraph. Every
 * resume point carries the one flag that says whether its chunk starts inside a paragraph.
 */
class RecursiveParagraphEndTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final String LONG = "One two three four. Five six seven eight. Nine ten eleven twelve. Thirteen fourteen.";
    private static final String TEXT = LONG + "\n\n\nShort one.\n\nShort two.\n\nShort three.\n";
    private static final ChunkingOptions OPTIONS = ChunkingOptions.builder().maxSize(60).overlap(0).minSize(10).build();

    @Test
    void theRestOfAnOversizedParagraphIsAChunkOfItsOwnAndTheNextStartsAtTheNextParagraph() {
        List<Chunk> chunks = Chunking.of(RecursiveStrategy.NAME, OPTIONS).chunk(DOC, TEXT);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "One two three four. Five six seven eight. ",
                // the latest paragraph boundary in the window lies after "Short one."; the first, and the
                // blank lines after it, end the paragraph that the cut before this chunk fell inside
                "Nine ten eleven twelve. Thirteen fourteen.\n\n\n",
                "Short one.\n\nShort two.\n\nShort three.\n");
    }

    @Test
    void aChunkThatStartsAtAParagraphStillEndsAtTheLatestParagraphThatFits() {
        String text = "Alpha beta.\n\nGamma delta.\n\nEpsilon zeta eta theta iota kappa lambda mu nu xi pi.\n";
        List<Chunk> chunks = Chunking.of(RecursiveStrategy.NAME, OPTIONS).chunk(DOC, text);
        assertThat(chunks).extracting(Chunk::text).containsExactly("Alpha beta.\n\nGamma delta.\n\n",
                "Epsilon zeta eta theta iota kappa lambda mu nu xi pi.\n");
    }

    @Test
    void resumesFromThePointInsideTheParagraphWithItsFlagToTheSameChunks() {
        Chunking chunking = Chunking.of(RecursiveStrategy.NAME, OPTIONS);
        byte[] input = TEXT.getBytes(StandardCharsets.UTF_8);
        List<Chunk> whole = new ArrayList<>();
        List<ResumePoint> points = new ArrayList<>();
        try (Chunker chunker = chunking.open(DOC, whole::add)) {
            for (int at = 0; at < input.length; at++) {
                chunker.feed(input, at, 1);
                points.add(chunker.resumePoint());
            }
            chunker.finish();
        }
        ResumePoint inside = points.stream().filter(p -> p.nextIndex() == 1).findFirst().orElseThrow();
        assertThat(inside.byteOffset()).isEqualTo(whole.get(1).byteStart());
        assertThat(inside.state()).as("the flag differs from that of the first chunk, which starts at a paragraph")
                .isNotEqualTo(points.get(0).state());
        List<Chunk> resumed = new ArrayList<>(whole.subList(0, 1));
        try (Chunker chunker = chunking.resume(DOC, resumed::add, inside)) {
            chunker.feed(input, (int) inside.byteOffset(), input.length - (int) inside.byteOffset());
            chunker.finish();
        }
        assertThat(resumed).isEqualTo(whole);

        byte[] markdown;
        try (Chunker other = Chunking.of(MarkdownStrategy.NAME, OPTIONS).open(DOC, c -> { })) {
            markdown = other.resumePoint().state();
        }
        ResumePoint markdownState = inside.withState(markdown);
        assertThatThrownBy(() -> chunking.resume(DOC, c -> { }, markdownState)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("cannot resume strategy 'recursive' from this checkpoint: it was written by strategy 'markdown'");
    }

    @Test
    void refusesAPointWithoutStateFromAnEarlierVersionButStartsAfreshAfterAPrefix() {
        Chunking chunking = Chunking.of(RecursiveStrategy.NAME, OPTIONS);
        ResumePoint earlier = new ResumePoint(42, 42, 42, 42, 1, 0);
        assertThatThrownBy(() -> chunking.resume(DOC, c -> { }, earlier)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("cannot resume strategy 'recursive' at byte 42: the checkpoint carries no state, so an earlier version"
                        + " wrote it, and that version cut chunks differently; delete the checkpoint and start over");
        List<Chunk> rest = new ArrayList<>();
        byte[] input = TEXT.getBytes(StandardCharsets.UTF_8);
        try (Chunker chunker = chunking.resume(DOC, rest::add, ResumePoint.after(42, 42))) {
            chunker.feed(input, 42, input.length - 42);
            chunker.finish();
        }
        assertThat(rest).extracting(Chunk::text).as("a fresh start after a prefix starts at a paragraph")
                .containsExactly("Nine ten eleven twelve. Thirteen fourteen.\n\n\nShort one.\n\n", "Short two.\n\nShort three.\n");
    }
}
