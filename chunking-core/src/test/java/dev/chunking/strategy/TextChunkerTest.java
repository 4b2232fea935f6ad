package dev.chunking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.PluginFailureException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.ResumeUnsupportedException;
import dev.chunking.spi.Chunker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** What {@link TextChunker} does for its subclass: decoding, offsets, replacements, state, bounded memory. */
class TextChunkerTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final ChunkingOptions MAX_10 = ChunkingOptions.builder().maxSize(10).overlap(0).build();

    private static List<Chunk> words(byte[] input, ChunkingOptions options) {
        List<Chunk> chunks = new ArrayList<>();
        try (Chunker chunker = Chunking.of(new WordsOnTextChunker(), options, new CodePointCounter()).open(DOC, chunks::add)) {
            for (byte b : input) {
                chunker.feed(new byte[] {b}); // one byte at a time: every sequence is cut
            }
            chunker.finish();
        }
        return chunks;
    }

    /** A chunker whose cut is the given function of the pending text and the end flag. */
    private static Chunker chunker(BiFunction<CharSequence, Boolean, Integer> cut, List<Chunk> chunks) {
        return new TextChunker("test", DOC, MAX_10, new CodePointCounter(), chunks::add, ResumePoint.START) {
            @Override
            protected int cut(CharSequence pending, boolean end) {
                return cut.apply(pending, end);
            }
        };
    }

    @Test
    void replacesMalformedInputKeepingTheSourceByteOffsets() {
        byte[] input = {'a', 'b', ' ', (byte) 0xE2, (byte) 0x82, ' ', 'c', (byte) 0x80};
        ChunkingOptions replace = MAX_10.toBuilder().malformedInput(MalformedInputPolicy.REPLACE).build();
        List<Chunk> chunks = words(input, replace);
        assertThat(chunks).extracting(Chunk::text).containsExactly("ab", " \ufffd", " c\ufffd");
        assertThat(chunks).extracting(Chunk::byteStart).containsExactly(0L, 2L, 5L);
        assertThat(chunks).extracting(Chunk::byteEnd).containsExactly(2L, 5L, 8L);
        assertThat(chunks).extracting(Chunk::end).containsExactly(2L, 4L, 7L);
        assertThat(chunks).extracting(Chunk::replacements).containsExactly(0, 1, 1);
    }

    @Test
    void reportsMalformedInputAtItsByteOffset() {
        byte[] input = {'a', 'b', ' ', (byte) 0xE2, (byte) 0x82, ' ', 'c'};
        assertThatThrownBy(() -> words(input, MAX_10)).isInstanceOf(MalformedInputException.class)
                .satisfies(e -> assertThat(((MalformedInputException) e).byteOffset()).isEqualTo(3));
    }

    @Test
    void startsAfterAPrefixButRefusesACheckpoint() {
        List<Chunk> chunks = new ArrayList<>();
        Chunker prefixed = new TextChunker("test", DOC, MAX_10, new CodePointCounter(), chunks::add, ResumePoint.after(3, 1)) {
            @Override
            protected int cut(CharSequence pending, boolean end) {
                return end ? pending.length() : 0;
            }
        };
        prefixed.feed("h\u00e9");
        prefixed.finish();
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(1);
            assertThat(c.byteStart()).isEqualTo(3);
            assertThat(c.byteEnd()).isEqualTo(6);
        });
        assertThatThrownBy(() -> new TextChunker("test", DOC, MAX_10, new CodePointCounter(), chunks::add,
                new ResumePoint(10, 10, 10, 10, 2, 0)) {
            @Override
            protected int cut(CharSequence pending, boolean end) {
                return 0;
            }
        }).isInstanceOf(ResumeUnsupportedException.class)
                .hasMessage("strategy 'test' cannot resume from a checkpoint (index 2); delete the checkpoint and start over");
    }

    @Test
    void failsASubclassThatNeverCutsInsteadOfHoldingTheWholeInput() {
        List<Chunk> chunks = new ArrayList<>();
        Chunker hoarder = chunker((pending, end) -> end ? pending.length() : 0, chunks);
        assertThatThrownBy(() -> hoarder.feed("a".repeat(20_000))).isInstanceOf(PluginFailureException.class)
                .hasMessageStartingWith("strategy 'test' holds ")
                .hasMessageEndingWith(" chars without cutting a chunk, more than the bound of 16440 (4 x the largest chunk's"
                        + " code points and a few thousand); its cut must return a length once it has seen enough");
        assertThatThrownBy(() -> hoarder.feed("more")).isInstanceOf(ChunkerStateException.class);
    }

    @Test
    void failsACutThatWaitsAtTheEndOrSplitsASurrogatePair() {
        Chunker waiting = chunker((pending, end) -> 0, new ArrayList<>());
        waiting.feed("abc");
        assertThatThrownBy(waiting::finish).isInstanceOf(PluginFailureException.class).hasMessage("strategy 'test': cut returned 0"
                + " for 3 pending chars at the end of the input; return 1 to 3, never inside a surrogate pair");
        Chunker splitting = chunker((pending, end) -> 1, new ArrayList<>());
        assertThatThrownBy(() -> splitting.feed("\ud83d\ude00")).isInstanceOf(PluginFailureException.class)
                .hasMessage("strategy 'test': cut returned 1 for 2 pending chars; return 1 to 2, or 0 to wait, never inside a"
                        + " surrogate pair");
    }

    @Test
    void refusesInputOnceFinishedOrClosed() {
        Chunker finished = chunker((pending, end) -> pending.length(), new ArrayList<>());
        finished.finish();
        finished.finish(); // again: nothing
        assertThatThrownBy(() -> finished.feed("x")).isInstanceOf(ChunkerStateException.class)
                .hasMessage("feed called on a finished chunker; open a new one");
        Chunker closed = chunker((pending, end) -> pending.length(), new ArrayList<>());
        closed.close();
        assertThatThrownBy(() -> closed.feed(new byte[] {'x'})).isInstanceOf(ChunkerStateException.class)
                .hasMessage("feed called on a closed chunker; open a new one");
    }

    @Test
    void reportsALoneSurrogateInCharInputWithTheSameMessageAsTheBuiltInStrategies() {
        Chunking lines = Chunking.of(new WordsOnTextChunker(), MAX_10, new CodePointCounter());
        Chunking builtIn = Chunking.of("character", MAX_10);
        for (String text : new String[] {"ab\ud800c", "a\u00e9\udc00", "ab\ud800"}) {
            Throwable expected = catchThrowable(() -> builtIn.chunk(DOC, text));
            assertThatThrownBy(() -> lines.chunk(DOC, text)).as(text).isInstanceOf(MalformedInputException.class)
                    .hasMessage(expected.getMessage());
        }
    }
}
