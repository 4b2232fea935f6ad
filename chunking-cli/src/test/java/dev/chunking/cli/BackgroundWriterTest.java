package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link BackgroundWriter} writes what {@link ChunkWriter} would, in order, and hands a failure to write back. */
class BackgroundWriterTest {
    private static Chunk chunk(long index) {
        Utf8Text text = Utf8Text.of("chunk " + index + " \"quoted\"\n");
        return new Chunk(DocumentId.of("doc"), index, text, index, index + text.codePointLength(), index, index + text.byteLength(),
                text.codePointLength(), SizeUnit.CHARS, "recursive", ChunkMetadata.NONE, 0);
    }

    @Test
    void writesTheSameBytesInTheSameOrderAsTheWriterItself() throws IOException {
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        ByteArrayOutputStream background = new ByteArrayOutputStream();
        ChunkWriter writer = new ChunkWriter(OutputFormat.JSONL, direct);
        BackgroundWriter handed = new BackgroundWriter(new ChunkWriter(OutputFormat.JSONL, background));
        for (int i = 0; i < 10_000; i++) { // many batches, and a queue that fills
            writer.write(chunk(i));
            handed.write(chunk(i));
        }
        handed.finish();
        handed.finish();
        assertThat(background.toByteArray()).isEqualTo(direct.toByteArray());
    }

    @Test
    void throwsTheFailureToWriteFromALaterWriteOrFromFinishWithoutHanging() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        BackgroundWriter handed = new BackgroundWriter(new ChunkWriter(OutputFormat.OFFSETS, failing));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1_000_000; i++) { // far more than the queue holds: a write must notice the failure
                    handed.write(chunk(i));
                }
            }).isInstanceOf(IOException.class).hasMessage("No space left on device");
            assertThatThrownBy(handed::finish).as("finish after the failure, as the command's cleanup calls it")
                    .isInstanceOf(IOException.class).hasMessage("No space left on device");
        });
    }
}
