package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A reader that goes away ends the command quietly with 141; any other failure to write is still reported. */
class ClosedPipeTest extends CommandTestSupport {
    /** Standard output that takes {@code room} bytes, then fails every write with {@code message}. */
    private static OutputStream failingAfter(int room, String message) {
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > room) {
                    throw new IOException(message);
                }
                written += len;
            }
        };
    }

    private int run(OutputStream stdout, String... args) {
        return new Main(new ByteArrayInputStream(new byte[0]), stdout, stderr(), System::nanoTime, false).run(args);
    }

    private Path big() throws IOException {
        return file("big.txt", "A sentence of prose, caf\u00e9 \u65e5\u672c\u8a9e.\n\n".repeat(20_000));
    }

    @Test
    void endsWith141AndNothingOnStandardErrorWhenThePipeIsClosed() throws IOException {
        Path input = big();
        for (String format : new String[] {"jsonl", "offsets"}) {
            assertThat(run(failingAfter(100, "Broken pipe"), "--format", format, input.toString())).isEqualTo(141);
        }
        assertThat(run(failingAfter(0, "The pipe is being closed"), "strategies")).as("Windows' words").isEqualTo(141);
        assertThat(run(failingAfter(10, "Broken pipe"), "preview", input.toString())).isEqualTo(141);
        assertThat(err()).isEmpty();
    }

    @Test
    void reportsAnyOtherFailureToWriteStandardOutput() throws IOException {
        assertThat(run(failingAfter(100, "No space left on device"), big().toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("chunk: failed while running: java.io.IOException: No space left on device\n");
    }

    @Test
    void recognisesTheClosedPipeByTheSystemsWordsForEpipe() {
        assertThat(StandardOutput.isClosedPipe(new IOException("Broken pipe"))).isTrue();
        assertThat(StandardOutput.isClosedPipe(new IOException("Daten\u00fcbergabe unterbrochen (broken pipe)"))).isTrue();
        assertThat(StandardOutput.isClosedPipe(new IOException("The pipe has been ended"))).isTrue();
        assertThat(StandardOutput.isClosedPipe(new IOException("Input/output error"))).isFalse();
        assertThat(StandardOutput.isClosedPipe(new IOException())).isFalse();
    }
}
