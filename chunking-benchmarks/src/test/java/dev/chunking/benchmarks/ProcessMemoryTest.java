package dev.chunking.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the process's resident memory from /proc/self/status. */
class ProcessMemoryTest {
    private static final List<String> STATUS = List.of("Name:\tjava", "VmPeak:\t 3520012 kB", "VmHWM:\t   65432 kB",
            "VmRSS:\t   60100 kB", "Threads:\t19");

    @Test
    void readsASizeFieldInBytes() {
        assertThat(ProcessMemory.field(STATUS, "VmHWM")).isEqualTo(65432L * 1024);
        assertThat(ProcessMemory.field(STATUS, "VmRSS")).isEqualTo(60100L * 1024);
    }

    @Test
    void namesAFieldThatIsMissingOrNotASize() {
        assertThatThrownBy(() -> ProcessMemory.field(STATUS, "VmSwap")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("VmSwap");
        assertThatThrownBy(() -> ProcessMemory.field(STATUS, "Threads")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Threads:");
    }

    @Test
    void readsThisJvmsOwnPeakWhichIsAtLeastItsResidentSetNow() {
        if (!Files.isReadable(ProcessMemory.STATUS)) {
            assertThatThrownBy(ProcessMemory::peakRssBytes).isInstanceOf(UncheckedIOException.class);
            return;
        }
        long now = ProcessMemory.rssBytes();
        assertThat(now).isGreaterThan(1 << 20);
        assertThat(ProcessMemory.peakRssBytes()).isGreaterThanOrEqualTo(now);
    }
}
