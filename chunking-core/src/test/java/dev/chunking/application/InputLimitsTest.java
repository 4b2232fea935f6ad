package dev.chunking.application;

import static dev.chunking.testing.LimitMessages.bytesMessage;
import static dev.chunking.testing.LimitMessages.chunksMessage;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Input limits: each refused with a message naming the limit; the chunks before it delivered, none after, none cut short. */
class InputLimitsTest {
    private static final DocumentId DOC = DocumentId.of("d1");
    private static final String MARKDOWN = "# Title\n\nSome text here.\n\n## A longer section heading\n\nMore text in it.\n\n"
            + "| a | b |\n|---|---|\n" + "| 1 | 2 |\n".repeat(6);

    /** Character chunks of 4 code points, no overlap. */
    private static Chunking character(InputLimits limits) {
        // min size 0: no chunk is held back to merge, so chunks reach the sink as soon as they are cut
        return Chunking.of("character", ChunkingOptions.builder().maxSize(4).overlap(0).minSize(0).limits(limits).build());
    }

    private static Chunking markdown(InputLimits limits) {
        return Chunking.of("markdown", ChunkingOptions.builder().maxSize(30).overlap(0).limits(limits).build());
    }

    @Test
    void refusesTheFeedThatWouldPassTheDocumentSizeBeforeTheStrategySeesItAndThenRefusesToFinish() {
        List<Chunk> delivered = new ArrayList<>();
        Chunker chunker = character(InputLimits.defaults().withMaxDocumentBytes(10)).open(DOC, delivered::add);
        chunker.feed("abcdefgh");
        assertThatThrownBy(() -> chunker.feed("xyz")).isInstanceOf(InputLimitException.class).hasMessage(bytesMessage(11, 10));
        assertThat(chunker.bytesFed()).isEqualTo(8);
        String stopped = "the chunker stopped at an input limit and takes no more input; open a new chunker for the next document."
                + " It stopped at: " + bytesMessage(11, 10);
        assertThatThrownBy(chunker::finish).isInstanceOf(ChunkerStateException.class).hasMessage(stopped);
        assertThatThrownBy(() -> chunker.feed(new byte[] {'x'})).isInstanceOf(ChunkerStateException.class).hasMessage(stopped);
        assertThatThrownBy(chunker::resumePoint).isInstanceOf(ChunkerStateException.class).hasMessage(stopped);
        chunker.close();
        // "efgh" was not final yet when the limit struck: it is not delivered, and neither is a shortened last chunk
        assertThat(delivered).extracting(Chunk::text).containsExactly("abcd");
    }

    @Test
    void acceptsADocumentOfExactlyTheLimitAndRefusesOneByteMoreInEveryKindOfFeed() throws IOException {
        String text = "\u00e9\u6f22\ud83d\ude00ab"; // 2 + 3 + 4 + 1 + 1 bytes
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<Chunk> expected = character(InputLimits.unlimited()).chunk(DOC, text);
        Chunking exact = character(InputLimits.defaults().withMaxDocumentBytes(11));
        assertThat(exact.chunk(DOC, text)).isEqualTo(expected);
        List<Chunk> fromStream = new ArrayList<>();
        assertThat(exact.chunk(DOC, new ByteArrayInputStream(utf8), fromStream::add)).isEqualTo(11);
        assertThat(fromStream).isEqualTo(expected);
        List<Chunk> fromBuffer = new ArrayList<>();
        try (Chunker chunker = exact.open(DOC, fromBuffer::add)) {
            chunker.feed(ByteBuffer.allocateDirect(11).put(utf8).flip());
            chunker.finish();
        }
        assertThat(fromBuffer).isEqualTo(expected);

        Chunking tight = character(InputLimits.defaults().withMaxDocumentBytes(10));
        assertThatThrownBy(() -> tight.chunk(DOC, text)).isInstanceOf(InputLimitException.class).hasMessage(bytesMessage(11, 10));
        assertThatThrownBy(() -> tight.chunk(DOC, new ByteArrayInputStream(utf8), c -> { })).hasMessage(bytesMessage(11, 10));
        try (Chunker chunker = tight.open(DOC, c -> { })) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(11).put(utf8).flip();
            assertThatThrownBy(() -> chunker.feed(buffer)).hasMessage(bytesMessage(11, 10));
            assertThat(buffer.remaining()).as("refused bytes are not consumed").isEqualTo(11);
        }
    }

    @Test
    void countsASurrogatePairCutBetweenTwoCharFeedsAsFourBytes() {
        List<Chunk> delivered = new ArrayList<>();
        try (Chunker chunker = character(InputLimits.defaults().withMaxDocumentBytes(5)).open(DOC, delivered::add)) {
            chunker.feed("a\ud83d");
            chunker.feed("\ude00");
            chunker.finish();
        }
        assertThat(delivered).extracting(Chunk::text).containsExactly("a\ud83d\ude00");
        try (Chunker chunker = character(InputLimits.defaults().withMaxDocumentBytes(4)).open(DOC, c -> { })) {
            chunker.feed("a\ud83d");
            assertThatThrownBy(() -> chunker.feed("\ude00")).isInstanceOf(InputLimitException.class).hasMessage(bytesMessage(5, 4));
        }
    }

    @Test
    void refusesTheChunkOverTheChunkLimitBeforeItReachesTheSink() {
        List<Chunk> delivered = new ArrayList<>();
        InputStream in = new ByteArrayInputStream("abcdefghijkl".getBytes(StandardCharsets.UTF_8));
        Chunking twoChunks = character(InputLimits.defaults().withMaxChunks(2));
        assertThatThrownBy(() -> twoChunks.chunk(DOC, in, delivered::add)).isInstanceOf(InputLimitException.class)
                .hasMessage(chunksMessage(3, 2));
        assertThat(delivered).extracting(Chunk::text).containsExactly("abcd", "efgh");
        assertThat(twoChunks.chunk(DOC, "abcdefgh")).extracting(Chunk::text).containsExactly("abcd", "efgh");
        assertThatThrownBy(() -> character(InputLimits.defaults().withMaxChunks(0)).chunk(DOC, "a")).hasMessage(chunksMessage(1, 0));
        assertThat(character(InputLimits.defaults().withMaxChunks(0)).chunk(DOC, "")).isEmpty();
    }

    @Test
    void refusesAChunkWithMoreMetadataThanTheLimitNamingItsIndexAndSize() {
        List<Chunk> all = markdown(InputLimits.unlimited()).chunk(DOC, MARKDOWN);
        assertThat(all).extracting(c -> c.metadata().byteSize()).containsExactly(5L, 29L, 29L, 29L, 59L, 59L);
        List<Chunk> delivered = new ArrayList<>();
        try (Chunker chunker = markdown(InputLimits.defaults().withMaxMetadataBytes(28)).open(DOC, delivered::add)) {
            assertThatThrownBy(() -> {
                chunker.feed(MARKDOWN);
                chunker.finish();
            }).isInstanceOf(InputLimitException.class).hasMessage("document d1: chunk 1 has 29 bytes of metadata, more than the"
                    + " limit of 28 bytes (InputLimits.maxMetadataBytes, --max-metadata-bytes); raise the limit or shorten the"
                    + " document's headings");
            assertThatThrownBy(chunker::finish).isInstanceOf(ChunkerStateException.class);
        }
        assertThat(delivered).isEqualTo(all.subList(0, 1));
        delivered.clear();
        Chunker chunker = markdown(InputLimits.defaults().withMaxMetadataBytes(58)).open(DOC, delivered::add);
        assertThatThrownBy(() -> {
            chunker.feed(MARKDOWN);
            chunker.finish();
        }).hasMessageStartingWith("document d1: chunk 4 has 59 bytes of metadata, more than the limit of 58 bytes");
        assertThat(delivered).isEqualTo(all.subList(0, 4));
        assertThat(markdown(InputLimits.defaults().withMaxMetadataBytes(59)).chunk(DOC, MARKDOWN)).isEqualTo(all);
    }

    @Test
    void theDefaultLimitsAllowA64MiBDocumentAndAMillionChunks() throws IOException {
        byte[] paragraph = "A paragraph of prose, caf\u00e9 and \u6f22\u5b57, long enough to matter.\n\n".getBytes(StandardCharsets.UTF_8);
        long size = 64L << 20;
        InputStream large = new InputStream() {
            private long at;

            @Override
            public int read() {
                return at < size ? paragraph[(int) (at++ % paragraph.length)] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, size - at);
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    b[off + i] = paragraph[(int) (at++ % paragraph.length)];
                }
                return n;
            }
        };
        long[] chunks = {0};
        assertThat(Chunking.of("recursive", ChunkingOptions.defaults()).chunk(DOC, large, c -> chunks[0]++)).isEqualTo(size);
        assertThat(chunks[0]).isGreaterThan(size / 1000);

        long[] tiny = {0};
        try (Chunker chunker = Chunking.of("character", ChunkingOptions.builder().maxSize(1).overlap(0).build()).open(DOC, c -> tiny[0]++)) {
            byte[] xs = new byte[1 << 16];
            Arrays.fill(xs, (byte) 'x');
            for (int i = 0; i < 1_000_000 / xs.length; i++) {
                chunker.feed(xs);
            }
            chunker.feed(xs, 0, 1_000_000 % xs.length);
            chunker.finish();
        }
        assertThat(tiny[0]).isEqualTo(1_000_000);
    }

    @Test
    void aResumedChunkerCountsBytesFromTheDocumentStartAndChunksFromIndexZero() {
        byte[] utf8 = "abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
        ResumePoint point;
        try (Chunker first = character(InputLimits.unlimited()).open(DOC, c -> { })) {
            first.feed(utf8, 0, 9);
            point = first.resumePoint();
        }
        assertThat(point.byteOffset()).isEqualTo(8);
        assertThat(point.nextIndex()).isEqualTo(2);

        List<Chunk> delivered = new ArrayList<>();
        Chunker threeChunks = character(InputLimits.defaults().withMaxChunks(3)).resume(DOC, delivered::add, point);
        assertThatThrownBy(() -> {
            threeChunks.feed(utf8, 8, 8);
            threeChunks.finish();
        }).isInstanceOf(InputLimitException.class).hasMessage(chunksMessage(4, 3));
        assertThat(delivered).extracting(Chunk::index, Chunk::text).containsExactly(Tuple.tuple(2L, "ijkl"));

        Chunker twelveBytes = character(InputLimits.defaults().withMaxDocumentBytes(12)).resume(DOC, c -> { }, point);
        twelveBytes.feed(utf8, 8, 4);
        assertThatThrownBy(() -> twelveBytes.feed(utf8, 12, 1)).hasMessage(bytesMessage(13, 12));

        assertThatThrownBy(() -> character(InputLimits.defaults().withMaxDocumentBytes(7)).resume(DOC, c -> { }, point))
                .isInstanceOf(InputLimitException.class).hasMessage(bytesMessage(8, 7));
        assertThatThrownBy(() -> character(InputLimits.defaults().withMaxChunks(1)).resume(DOC, c -> { }, point))
                .isInstanceOf(InputLimitException.class).hasMessage(chunksMessage(2, 1));
    }
}
