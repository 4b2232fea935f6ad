package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationStatus;
import dev.chunking.streaming.operation.ChunkingOperations;
import dev.chunking.streaming.operation.Operation;
import dev.chunking.streaming.operation.OperationRequest;
import dev.chunking.streaming.operation.OperationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-application example of the README ("Operations"), line for line but for the
 * directory and the printing target: submit an operation with a progress listener, cancel it,
 * then resume it from its checkpoint to the same chunks as an uninterrupted run.
 */
class HostApplicationExampleTest {
    @TempDir
    Path dir;

    @Test
    void runsAnOperationWithAProgressListenerCancelsItAndResumesIt() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 1_000_000; i++) {
            text.append("Section ").append(i).append(". Words of the guide, caf\u00e9 and \u6f22\u5b57.\n\n");
        }
        Path guide = dir.resolve("guide.md");
        Files.writeString(guide, text);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(800).overlap(100).build();
        List<Chunk> indexed = new ArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        OperationResult result;
        try (ChunkingOperations operations = ChunkingOperations.builder()
                .maxConcurrent(4)                       // at most 4 run at once; the rest wait as PENDING
                .build()) {
            Operation op = operations.submit(OperationRequest.builder(CollectionId.of("manuals"),
                            DocumentId.of("guide.md"), Chunking.of("recursive", options),
                            ByteSource.file(guide), chunk -> indexed.add(chunk))
                    .checkpoints(new FileCheckpointStore(dir.resolve("guide.md.checkpoint")))
                    .listener(event -> out.printf("#%d %s %s%% %.0f B/s eta %s%n", event.sequence(),
                            event.kind(), event.percent().orElse(-1), event.bytesPerSecond(), event.eta().orElse(null)))
                    .build());
            op.cancel();                                // from any thread: stops within one buffer
            result = op.completion().join();            // CANCELLED, with a checkpoint to resume from
        }

        assertThat(result.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(result.bytes()).isLessThanOrEqualTo(3 + 64 * 1024);
        assertThat(Files.exists(dir.resolve("guide.md.checkpoint"))).isTrue();
        long deadline = System.nanoTime() + 30_000_000_000L; // events go out on the delivery thread, maybe after completion
        // printf may reach the stream in pieces: wait for the whole line, not only its first word
        while (!printed.toString(StandardCharsets.UTF_8).matches("(?s).*CANCELLED [^\n]*\n.*") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        String log = printed.toString(StandardCharsets.UTF_8);
        assertThat(log).startsWith("#1 STARTED ").contains("#2 CHECKPOINT ").contains("#3 CANCELLED ");

        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            OperationResult resumed = operations.run(OperationRequest.builder(CollectionId.of("manuals"), DocumentId.of("guide.md"),
                    Chunking.of("recursive", options), ByteSource.file(guide), chunk -> indexed.add(chunk))
                    .checkpoints(new FileCheckpointStore(dir.resolve("guide.md.checkpoint"))).build());
            assertThat(resumed.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(resumed.lastSequence()).isGreaterThan(3);
        }
        assertThat(indexed).isEqualTo(Chunking.of("recursive", options).chunk(DocumentId.of("guide.md"), text));
    }
}
