package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command streams: 1 GiB through standard input in a child JVM limited to a 32 MiB heap. */
class StreamingMemoryIT {
    private static final long GIB = 1L << 30;

    @Test
    void chunksOneGibibyteOfStandardInputUnderA32MebibyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                "dev.chunking.cli.Main", "--format", "stats", "--no-progress", "-"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] block = ("Prose in English. Du fran\u00e7ais. \u65e5\u672c\u8a9e\u306e\u6587\u3002 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"
                + " \u0420\u0443\u0441\u0441\u043a\u0438\u0439.\n\n").repeat(4096).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Long> fed = CompletableFuture.supplyAsync(() -> {
            long written = 0;
            try (OutputStream in = child.getOutputStream()) {
                while (written < GIB) {
                    int n = (int) Math.min(block.length, GIB - written);
                    in.write(block, 0, n);
                    written += n;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return written;
        });
        String stats = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(fed.get()).isEqualTo(GIB);
        assertThat(child.exitValue()).as("exit status; stdout: %s", stats).isZero();
        assertThat(stats).startsWith("-\tchunks ").contains("\tbytes " + GIB + "\t");
    }
}
