package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generating stream of the memory benchmark: the piece repeated to the size asked, never ending inside a code point. */
class RepeatingChannelTest {
    private static byte[] readAll(RepeatingChannel channel, int bufferBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
        while (channel.read(buffer.clear()) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
        }
        return out.toByteArray();
    }

    @Test
    void repeatsThePieceToExactlyTheSizeAskedWhenThatEndsBetweenCodePoints() {
        byte[] piece = "abc\n".getBytes(StandardCharsets.UTF_8);
        RepeatingChannel channel = new RepeatingChannel(piece, 10);

        assertThat(channel.size()).isEqualTo(10);
        assertThat(new String(readAll(channel, 3), StandardCharsets.UTF_8)).isEqualTo("abc\nabc\nab");
        assertThat(channel.read(ByteBuffer.allocate(8))).as("end of stream").isEqualTo(-1);
    }

    @Test
    void stopsBeforeACodePointThatTheSizeWouldCut() {
        byte[] piece = "a\ud83d\ude00".getBytes(StandardCharsets.UTF_8); // 1 + 4 bytes
        for (long asked = 0; asked <= 20; asked++) {
            RepeatingChannel channel = new RepeatingChannel(piece, asked);
            byte[] all = readAll(channel, 7);

            assertThat(all.length).as("asked %d", asked).isEqualTo(channel.size()).isLessThanOrEqualTo((int) asked)
                    .isGreaterThanOrEqualTo((int) asked - 3);
            String text = new String(all, StandardCharsets.UTF_8);
            assertThat(text).as("asked %d", asked).doesNotContain("\ufffd");
            assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(all);
        }
        assertThat(new RepeatingChannel(piece, 12).size()).as("a + emoji + a + emoji + a + 1 byte of an emoji").isEqualTo(11);
    }

    @Test
    void yieldsGigabytesWhileHoldingOnlyThePiece() {
        RepeatingChannel channel = new RepeatingChannel(MemoryBoundBenchmark.piece("line"), 3L << 30);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long total = 0;
        for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
            total += n;
        }
        assertThat(total).isEqualTo(3L << 30).isEqualTo(channel.size());
    }

    @Test
    void refusesAPieceThatStartsInsideACodePointOrIsEmpty() {
        byte[] continuation = {(byte) 0x80, 'a'};
        assertThatThrownBy(() -> new RepeatingChannel(continuation, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatingChannel(new byte[0], 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatingChannel(new byte[] {'a'}, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
