package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ProgressBar bar(long total) {
        return new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), now::get, "big.txt", total);
    }

    @Test
    void showsPercentRateAndTimeLeft() {
        ProgressBar bar = bar(100_000_000L);
        now.addAndGet(2_000_000_000L);
        assertThat(bar.line(25_000_000L, now.get()))
                .isEqualTo("big.txt [########......................]  25% 25.0 MB/100.0 MB 12.5 MB/s ETA 0:06");
    }

    @Test
    void showsBytesAndRateWhenTheSizeIsUnknown() {
        ProgressBar bar = bar(-1);
        now.addAndGet(4_000_000_000L);
        assertThat(bar.line(2_000_000L, now.get())).isEqualTo("big.txt 2.0 MB 0.5 MB/s");
    }

    @Test
    void redrawsAtMostEveryTwoHundredMilliseconds() {
        ProgressBar bar = bar(1000);
        bar.update(1);
        now.addAndGet(100_000_000L);
        bar.update(2);
        now.addAndGet(100_000_000L);
        bar.update(3);
        bar.finish(1000);
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn.split("\r", -1)).hasSize(4);
        assertThat(drawn).endsWith("100% 1.0 kB/1.0 kB 0.0 MB/s ETA 0:00\n");
    }

    @Test
    void drawsNothingWhenNothingWasReported() {
        bar(10).finish(10);
        assertThat(err.size()).isZero();
    }
}
