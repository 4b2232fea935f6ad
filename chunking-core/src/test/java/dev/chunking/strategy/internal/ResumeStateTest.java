package dev.chunking.strategy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.Chunker;
import dev.chunking.strategy.CharacterStrategy;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.HierarchicalStrategy;
import dev.chunking.strategy.MarkdownStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The state a resume point carries: every value written is read back, and a state that does not fit is refused clearly. */
class ResumeStateTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final ChunkingOptions OPTIONS = ChunkingOptions.builder().maxSize(20).overlap(0).build();

    @Test
    void readsBackEveryValueWrittenWithOffsetsMovedToTheNewOrigin() {
        Positions positions = new Positions();
        positions.add(1_000);
        positions.add(1_017);
        Chunk chunk = new Chunk(DOC, 7, Utf8Text.of("caf\u00e9 \ud83d\ude00"), 40, 46, 50, 60, 6, SizeUnit.CHARS, "markdown",
                new ChunkMetadata(List.of("A", "B \u6f22"), 2, Optional.of("id-1"), Optional.empty(), Map.of("block", "table")), 0);
        StateWriter out = new StateWriter("markdown", 1_000);
        out.number(0).number(-1).number(Long.MAX_VALUE).number(Long.MIN_VALUE).offset(1_000).offset(1_300).offset(-1)
                .offset(Long.MAX_VALUE).flag(true).flag(false).decimal(Double.NaN).decimal(-0.0).decimal(Double.NEGATIVE_INFINITY)
                .text(null).text("\u00e9\ud83d\ude00").bytes(new byte[] {0, (byte) 0xFF}).floats(new float[] {1.5f, Float.NaN})
                .floats(null).texts(List.of("x", "")).positions(positions).chunk(chunk);
        StateReader in = new StateReader(out.toByteArray(), "markdown", 5);
        assertThat(new long[] {in.number(), in.number(), in.number(), in.number()})
                .containsExactly(0, -1, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(new long[] {in.offset(), in.offset(), in.offset(), in.offset()}).as("relative to the new origin 5")
                .containsExactly(5, 305, -1, Long.MAX_VALUE);
        assertThat(in.flag()).isTrue();
        assertThat(in.flag()).isFalse();
        assertThat(in.decimal()).isNaN();
        assertThat(Double.doubleToRawLongBits(in.decimal())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(in.decimal()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(in.text()).isNull();
        assertThat(in.text()).isEqualTo("\u00e9\ud83d\ude00");
        assertThat(in.bytes()).containsExactly(0, (byte) 0xFF);
        assertThat(in.floats()).containsExactly(1.5f, Float.NaN);
        assertThat(in.floats()).isNull();
        assertThat(in.texts()).containsExactly("x", "");
        Positions read = new Positions();
        in.positions(read);
        assertThat(read.toArray()).containsExactly(5, 22);
        assertThat(in.chunk(DOC, "markdown", SizeUnit.CHARS)).isEqualTo(chunk);
        in.end();
    }

    @Test
    void refusesTheStateOfAnotherStrategyAndSaysToStartOver() {
        byte[] state = new StateWriter("semantic", 0).number(3).toByteArray();
        assertThatThrownBy(() -> new StateReader(state, "markdown", 0)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("cannot resume strategy 'markdown' from this checkpoint: it was written by strategy 'semantic';"
                        + " delete the checkpoint and start over");
    }

    @Test
    void refusesAnotherFormatVersionAndBytesThatAreNoState() {
        byte[] state = new StateWriter("markdown", 0).toByteArray();
        state[1] = 9;
        assertThatThrownBy(() -> new StateReader(state, "markdown", 0)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("cannot resume strategy 'markdown' from this checkpoint: its state format is 9 and this version reads"
                        + " format 5; delete the checkpoint and start over");
        assertThatThrownBy(() -> new StateReader(new byte[] {1, 2, 3, 4}, "markdown", 0))
                .hasMessage("cannot resume strategy 'markdown' from this checkpoint: it is not a chunker state (4 bytes);"
                        + " delete the checkpoint and start over");
    }

    @Test
    void refusesAStateCutShortOrWithBytesLeftOver() {
        byte[] whole = new StateWriter("markdown", 0).text("heading").number(1).toByteArray();
        StateReader cut = new StateReader(Arrays.copyOf(whole, whole.length - 4), "markdown", 0);
        assertThatThrownBy(cut::text).isInstanceOf(CheckpointMismatchException.class)
                .hasMessageStartingWith("cannot resume strategy 'markdown' from this checkpoint: its state ends early: 7 bytes announced");
        StateReader longer = new StateReader(whole, "markdown", 0);
        longer.text();
        assertThatThrownBy(longer::end).hasMessage("cannot resume strategy 'markdown' from this checkpoint: its state has 1 bytes"
                + " more than this version reads; delete the checkpoint and start over");
    }

    @Test
    void aStructuredStrategyRefusesAPointWithoutStateOtherThanAFreshStart() {
        ResumePoint plain = new ResumePoint(10, 10, 12, 12, 1, 0);
        assertThatThrownBy(() -> new MarkdownStrategy().resume(DOC, OPTIONS, new CodePointCounter(), c -> { }, plain))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("cannot resume strategy 'markdown' at byte 10: the checkpoint carries no state for it (it was written by a"
                        + " version that could not checkpoint this strategy); delete the checkpoint and start over");
        ChunkingOptions levels = OPTIONS.toBuilder().parameter("levels", "20,10").build();
        assertThatThrownBy(() -> new HierarchicalStrategy().resume(DOC, levels, new CodePointCounter(), c -> { }, plain))
                .hasMessageStartingWith("cannot resume strategy 'hierarchical' at byte 10: the checkpoint carries no state");
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker fresh = new MarkdownStrategy().resume(DOC, OPTIONS, new CodePointCounter(), chunks::add, ResumePoint.after(3, 1))) {
            fresh.feed("# T\n\ntext");
            fresh.finish();
        }
        assertThat(chunks).as("a fresh start after a byte order mark needs no state").extracting(Chunk::byteStart).containsExactly(3L);
    }

    @Test
    void aPlainStrategyRefusesAPointWithStateAndAStructuredOneAnotherStrategysState() {
        byte[] markdownState;
        try (Chunker chunker = new MarkdownStrategy().open(DOC, OPTIONS, new CodePointCounter(), c -> { })) {
            chunker.feed("# Title\n\nSome text that is longer than one chunk of twenty.");
            markdownState = chunker.resumePoint().state();
        }
        assertThat(markdownState).isNotEmpty();
        ResumePoint stateful = new ResumePoint(10, 10, 12, 12, 1, 0, markdownState);
        ChunkingOptions fixed = OPTIONS.toBuilder().parameter("ends", "max").build(); // the fixed window writes no state
        assertThatThrownBy(() -> new CharacterStrategy().resume(DOC, fixed, new CodePointCounter(), c -> { }, stateful))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("cannot resume strategy 'character' at byte 10: the checkpoint carries state of " + markdownState.length
                        + " bytes, which this strategy never writes (it was written by another strategy); delete the checkpoint and"
                        + " start over");
        ChunkingOptions levels = OPTIONS.toBuilder().parameter("levels", "20,10").build();
        assertThatThrownBy(() -> new HierarchicalStrategy().resume(DOC, levels, new CodePointCounter(), c -> { }, stateful))
                .hasMessage("cannot resume strategy 'hierarchical' from this checkpoint: it was written by strategy 'markdown';"
                        + " delete the checkpoint and start over");
    }

    @Test
    void characterRefusesAStatelessPointOfAnEarlierVersionUnlessItCutsFixedWindows() {
        // an earlier character cut fixed windows and wrote no state; ending at paragraphs, it now keeps the inside-paragraph flag
        ResumePoint earlier = new ResumePoint(10, 10, 10, 10, 1, 0);
        assertThatThrownBy(() -> new CharacterStrategy().resume(DOC, OPTIONS, new CodePointCounter(), c -> { }, earlier))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("cannot resume strategy 'character' at byte 10: the checkpoint carries no state, so an earlier version"
                        + " wrote it, and that version cut chunks differently; delete the checkpoint and start over");
        List<Chunk> rest = new ArrayList<>();
        ChunkingOptions fixed = OPTIONS.toBuilder().parameter("ends", "max").build();
        try (Chunker chunker = new CharacterStrategy().resume(DOC, fixed, new CodePointCounter(), rest::add, earlier)) {
            chunker.feed("abcdefghijklmnopqrstuvwxyz"); // the text from byte 10 on
            chunker.finish();
        }
        assertThat(rest).extracting(Chunk::start, Chunk::end).containsExactly(Tuple.tuple(10L, 30L),
                Tuple.tuple(30L, 36L));
    }

    @Test
    void aResumePointKeepsItsStateImmutableAndComparesItByValue() {
        byte[] state = {1, 2, 3};
        ResumePoint point = new ResumePoint(0, 0, 0, 0, 0, 0, state);
        state[0] = 9;
        point.state()[1] = 9;
        assertThat(point.state()).containsExactly(1, 2, 3);
        assertThat(point).isEqualTo(new ResumePoint(0, 0, 0, 0, 0, 0, new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new ResumePoint(0, 0, 0, 0, 0, 0, new byte[] {1, 2, 3}))
                .isNotEqualTo(ResumePoint.START);
        assertThat(point.hasState()).isTrue();
        assertThat(ResumePoint.START.hasState()).isFalse();
        assertThat(point.withState(new byte[0])).isEqualTo(ResumePoint.START);
        assertThat(point.toString()).endsWith("state=3 bytes AQID]");
    }
}
