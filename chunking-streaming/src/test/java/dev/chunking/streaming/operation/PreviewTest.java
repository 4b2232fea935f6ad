package dev.chunking.streaming.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.DocumentSource;
import dev.chunking.testing.Texts;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PreviewTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    @Provide
    Arbitrary<String> documents() {
        return Texts.documents();
    }

    @Property(tries = 200)
    void previewHoldsExactlyTheFirstChunksOfAFullRun(@ForAll("documents") String text,
            @ForAll @IntRange(min = 1, max = 12) int maxChunks, @ForAll @IntRange(min = 1, max = 3000) int maxBytes,
            @ForAll @IntRange(min = 4, max = 80) int maxSize) throws Exception {
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(maxSize).overlap(maxSize / 4).build());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Chunk> full = new ArrayList<>(); // as an operation reads it: a byte order mark is skipped
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            operations.run(OperationRequest.builder(CollectionId.of("c"), DOC, chunking,
                    DocumentSource.ofBytes("t", bytes), full::add).build());
        }
        Preview.Result preview = Preview.of(chunking, DOC, DocumentSource.ofBytes("t", bytes), maxChunks, maxBytes);

        assertThat(preview.chunks()).hasSizeLessThanOrEqualTo(maxChunks);
        assertThat(preview.chunks()).isEqualTo(full.subList(0, preview.chunks().size()));
        assertThat(preview.bytesRead()).isLessThanOrEqualTo(maxBytes);
        boolean fits = bytes.length <= maxBytes;
        if (fits && full.size() < maxChunks) {
            assertThat(preview.wholeDocument()).isTrue();
        }
        if (!fits || full.size() > maxChunks) {
            assertThat(preview.wholeDocument()).isFalse();
        }
        if (preview.wholeDocument()) {
            assertThat(preview.chunks()).isEqualTo(full);
        } else {
            assertThat(bytes.length > maxBytes || preview.chunks().size() == maxChunks).isTrue();
        }
    }

    @Test
    void readsNoMoreThanItsByteLimitOfAnEndlessSource() throws Exception {
        long[] served = {0};
        DocumentSource endless = new DocumentSource() {
            @Override
            public String name() {
                return "endless";
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.empty();
            }

            @Override
            public ReadableByteChannel open(long offset) {
                return new ReadableByteChannel() {
                    @Override
                    public int read(ByteBuffer dst) {
                        int n = dst.remaining();
                        while (dst.hasRemaining()) {
                            dst.put((byte) (served[0]++ % 7 == 0 ? ' ' : 'a'));
                        }
                        return n;
                    }

                    @Override
                    public boolean isOpen() {
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Optional<SourceFingerprint> fingerprint() {
                return Optional.empty();
            }
        };
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(100_000).overlap(0).build());
        Preview.Result preview = Preview.of(chunking, DOC, endless, 1000, 1 << 20);
        assertThat(preview.chunks()).hasSizeBetween(9, 10); // 1 MiB holds about ten chunks of 100,000 code points
        assertThat(preview.bytesRead()).isEqualTo(1 << 20);
        assertThat(preview.wholeDocument()).isFalse();
        assertThat(served[0]).isLessThanOrEqualTo((1 << 20) + 1);
    }

    @Test
    void refusesLimitsBelowOne() {
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.defaults());
        assertThatThrownBy(() -> Preview.of(chunking, DOC, DocumentSource.ofBytes("t", new byte[1]), 0, 10))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("preview limits must be at least 1, got 0 chunks and 10 bytes; set maxChunks and maxBytes");
    }
}
