package dev.chunking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.PluginFailureException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.CharacterStrategy;
import dev.chunking.strategy.CodePointCounter;
import dev.chunking.strategy.RecursiveStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chunks of a plugin strategy are checked before they go downstream: each broken promise
 * fails with a {@link PluginFailureException} naming the plugin and the promise, and the chunk
 * does not reach the sink. The plugin here ignores its input and hands over chunks scripted by
 * the test.
 */
class PluginChecksTest {
    private static final DocumentId DOC = DocumentId.of("doc");
    private static final ChunkingOptions MAX_4 = ChunkingOptions.builder().maxSize(4).overlap(0).build();
    private static final String PLUGIN = "strategy 'scripted' (" + Scripted.class.getName() + ") broke its promise: ";
    private static final String TAIL = ". The chunk was not passed on; fix the plugin or report it to its authors";

    /** A plugin that emits the given chunks when the input is finished, resumable from anywhere. */
    private record Scripted(List<Chunk> script) implements ChunkingStrategy {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String description() {
            return "emits what the test says";
        }

        @Override
        public boolean resumable() {
            return true;
        }

        @Override
        public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
            return resume(document, options, tokenCounter, sink, ResumePoint.START);
        }

        @Override
        public Chunker resume(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink,
                              ResumePoint from) {
            return new Chunker() {
                private long fed;

                @Override
                public void feed(byte[] utf8, int offset, int length) {
                    fed += length;
                }

                @Override
                public void feed(CharSequence text) {
                    fed += Utf8Text.encodedLength(text);
                }

                @Override
                public void finish() {
                    script.forEach(sink::accept);
                }

                @Override
                public long bytesFed() {
                    return fed;
                }

                @Override
                public void close() {
                    // nothing held
                }
            };
        }
    }

    private static Chunk chunk(long index, String text, long start, long byteStart) {
        return chunk(DOC, index, text, start, byteStart, text.codePointCount(0, text.length()), 0);
    }

    private static Chunk chunk(DocumentId document, long index, String text, long start, long byteStart, int size,
                               int replacements) {
        Utf8Text content = Utf8Text.of(text);
        return new Chunk(document, index, content, start, start + content.codePointLength(), byteStart,
                byteStart + content.byteLength(), size, SizeUnit.CHARS, "scripted", ChunkMetadata.NONE, replacements);
    }

    private static List<Chunk> run(ChunkingOptions options, String input, Chunk... script) {
        List<Chunk> received = new ArrayList<>();
        Chunking chunking = Chunking.of(new Scripted(Arrays.asList(script)), options, new CodePointCounter());
        try (Chunker chunker = chunking.open(DOC, received::add)) {
            chunker.feed(input);
            chunker.finish();
        }
        return received;
    }

    private static void assertBroken(ChunkingOptions options, String input, String promise, Chunk... script) {
        assertThatThrownBy(() -> run(options, input, script)).isInstanceOf(PluginFailureException.class)
                .hasMessage(PLUGIN + promise + TAIL);
    }

    @Test
    void passesTheChunksOfAPluginThatKeepsItsPromises() {
        Chunk a = chunk(0, "abcd", 0, 0);
        Chunk b = chunk(1, "cd\u00e9f", 2, 2);
        assertThat(run(MAX_4, "abcd\u00e9f", a, b)).containsExactly(a, b);
    }

    @Test
    void refusesAnIndexThatSkipsOrRepeats() {
        assertBroken(MAX_4, "abcdef", "chunk index 2 where 1 was due; indexes run from 0 without gaps or repeats",
                chunk(0, "abc", 0, 0), chunk(2, "def", 3, 3));
        assertBroken(MAX_4, "abcdef", "chunk index 0 where 1 was due; indexes run from 0 without gaps or repeats",
                chunk(0, "abc", 0, 0), chunk(0, "def", 3, 3));
        assertBroken(MAX_4, "abcdef", "chunk index 1 where 0 was due; indexes run from 0 without gaps or repeats",
                chunk(1, "abc", 0, 0));
    }

    @Test
    void refusesAnIndexThatDoesNotContinueFromTheResumePoint() {
        Chunking chunking = Chunking.of(new Scripted(List.of(chunk(0, "fg", 5, 5))), MAX_4, new CodePointCounter());
        assertThatThrownBy(() -> {
            try (Chunker chunker = chunking.resume(DOC, c -> { }, new ResumePoint(5, 5, 5, 5, 7, 0))) {
                chunker.feed("fg");
                chunker.finish();
            }
        }).isInstanceOf(PluginFailureException.class).hasMessage(PLUGIN
                + "chunk index 0 where 7 was due; indexes run from the resume point's next index without gaps or repeats" + TAIL);
    }

    @Test
    void refusesAChunkOfAnotherDocument() {
        assertBroken(MAX_4, "abc", "chunk 0 names document 'other', not 'doc'",
                chunk(DocumentId.of("other"), 0, "abc", 0, 0, 3, 0));
    }

    @Test
    void refusesAChunkThatEndsBeforeItStarts() {
        Utf8Text ab = Utf8Text.of("ab");
        Chunk backwards = new Chunk(DOC, 0, ab, 0, 2, 5, 3, 2, SizeUnit.CHARS, "scripted", ChunkMetadata.NONE, 1);
        assertBroken(MAX_4, "abcdef", "chunk 0 ends before it starts (code points [0, 2), bytes [5, 3))", backwards);
    }

    @Test
    void refusesAChunkPastTheInputFedSoFar() {
        assertBroken(MAX_4, "abc", "chunk 0 ends at byte 12, code point 12, past the input fed so far (3 bytes, so at most"
                + " 3 code points)", chunk(0, "xyz", 9, 9));
        assertBroken(MAX_4, "abcdef", "chunk 0 ends at byte 4, code point 9, past the input fed so far (6 bytes, so at"
                + " most 6 code points)", chunk(0, "abcd", 5, 0)); // the byte offsets fit, the code points cannot
    }

    @Test
    void refusesAChunkThatStartsBeforeThePreviousOne() {
        assertBroken(MAX_4, "abcdef", "chunk 1 starts at code point 0, byte 0, before the previous start (code point 3,"
                + " byte 3); chunks come in order", chunk(0, "def", 3, 3), chunk(1, "abc", 0, 0));
    }

    @Test
    void refusesAChunkLargerThanTheMaximum() {
        assertBroken(MAX_4, "abcdef", "chunk 0 has size 6 chars, more than the max size 4 (ChunkingOptions.maxSize, --size)",
                chunk(DOC, 0, "abcdef", 0, 0, 6, 0));
    }

    @Test
    void refusesAReplacementUnderTheReportPolicy() {
        assertBroken(MAX_4, "a\ufffd", "chunk 0 counts 1 replaced malformed sequences under the REPORT policy, which reports"
                + " malformed input with a MalformedInputException instead", chunk(DOC, 0, "a\ufffd", 0, 0, 2, 1));
    }

    @Test
    void refusesANullChunk() {
        assertBroken(MAX_4, "abc", "handed the sink a null chunk instead of chunk 0", (Chunk) null);
    }

    @Test
    void stopsTheChunkerOnceAPromiseIsBroken() {
        Chunking chunking = Chunking.of(new Scripted(List.of(chunk(3, "abc", 0, 0))), MAX_4, new CodePointCounter());
        List<Chunk> received = new ArrayList<>();
        try (Chunker chunker = chunking.open(DOC, received::add)) {
            chunker.feed("abc");
            assertThatThrownBy(chunker::finish).isInstanceOf(PluginFailureException.class);
            assertThatThrownBy(() -> chunker.feed("more")).isInstanceOf(ChunkerStateException.class)
                    .hasMessageStartingWith("the chunker stopped when its plugin broke a promise");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void exemptsTheBuiltInStrategiesOnly() {
        assertThat(CheckedChunker.builtIn(new CharacterStrategy())).isTrue();
        assertThat(CheckedChunker.builtIn(new RecursiveStrategy())).isTrue();
        assertThat(CheckedChunker.builtIn(new Scripted(List.of()))).isFalse();
    }
}
