package dev.chunking.streaming.operation;

import static dev.chunking.testing.LimitMessages.bytesMessage;
import static dev.chunking.testing.LimitMessages.chunksMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.OperationStatus;
import dev.chunking.spi.DocumentSource;
import dev.chunking.testing.MemoryCheckpointStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input limits as an operation meets them: refused with a message, resumable once raised, and its own byte limit. */
class OperationInputLimitsTest {
    private static final DocumentId DOC = DocumentId.of("d1");

    @Test
    void anOperationRefusedAtALimitResumesFromItsCheckpointOnceTheLimitIsRaised() {
        byte[] bytes = ChunkingOperationsTest.text(40);
        ChunkingOptions options = ChunkingOptions.builder().maxSize(100).overlap(20).build();
        List<Chunk> all = Chunking.of("recursive", options).chunk(DOC, new String(bytes, StandardCharsets.UTF_8));
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        List<Chunk> first = new ArrayList<>();
        List<Chunk> second = new ArrayList<>();
        OperationOptions run = OperationOptions.builder().bufferSize(64).checkpointEveryChunks(1).build();
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            OperationResult refused = operations.run(OperationRequest.builder(ChunkingOperationsTest.COLLECTION, DOC,
                    Chunking.of("recursive", options.withLimits(InputLimits.defaults().withMaxChunks(5))),
                    DocumentSource.ofBytes("doc", bytes), first::add).checkpoints(store).options(run).build());
            assertThat(refused.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(refused.failure()).get().isInstanceOf(InputLimitException.class).extracting(Throwable::getMessage)
                    .isEqualTo(chunksMessage(6, 5));
            assertThat(first).isEqualTo(all.subList(0, 5));

            OperationResult resumed = operations.run(OperationRequest.builder(ChunkingOperationsTest.COLLECTION, DOC,
                    Chunking.of("recursive", options), DocumentSource.ofBytes("doc", bytes), second::add)
                    .checkpoints(store).options(run).build());
            assertThat(resumed.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(resumed.resumedFrom()).isPositive();
        }
        assertThat(second).isEqualTo(all.subList((int) second.get(0).index(), all.size()));
        assertThat(second.get(0).index()).isBetween(1L, 5L);
    }

    @Test
    void anOperationIsRefusedAtTheSmallerOfItsOwnByteLimitAndTheDocumentLimitNamingThatOne() {
        byte[] bytes = ChunkingOperationsTest.text(20);
        try (ChunkingOperations operations = ChunkingOperations.builder().build()) {
            OperationResult byRun = operations.run(OperationRequest.builder(ChunkingOperationsTest.COLLECTION, DOC,
                    ChunkingOperationsTest.recursive(100), DocumentSource.ofBytes("doc", bytes), c -> { })
                    .options(OperationOptions.builder().bufferSize(50).byteLimit(100).build()).build());
            assertThat(byRun.failure()).get().isInstanceOf(InputLimitException.class).extracting(Throwable::getMessage)
                    .isEqualTo("doc is longer than the byte limit of 100 bytes; raise OperationOptions.byteLimit if this input is"
                            + " expected");
            Chunking limited = Chunking.of("recursive", ChunkingOperationsTest.recursive(100).options()
                    .withLimits(InputLimits.defaults().withMaxDocumentBytes(100)));
            OperationResult byDocument = operations.run(OperationRequest.builder(ChunkingOperationsTest.COLLECTION, DOC, limited,
                    DocumentSource.ofBytes("doc", bytes), c -> { })
                    .options(OperationOptions.builder().bufferSize(50).byteLimit(500).build()).build());
            // the run reads 3 bytes (to look for a byte order mark), then buffers of 50: 3, 53, 103
            assertThat(byDocument.failure()).get().isInstanceOf(InputLimitException.class).extracting(Throwable::getMessage)
                    .isEqualTo(bytesMessage(103, 100));
        }
    }
}
