package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that completed leaves a checkpoint marked complete, and a later run over it refuses to
 * start with a message that says how to chunk again, instead of resuming at the end of the
 * document and silently delivering nothing.
 */
class CompletedRunTest {
    private static final DocumentId DOC = DocumentId.of("doc.md");

    @TempDir
    Path dir;

    @Test
    void aSecondRunOverTheCheckpointOfACompletedRunRefusesAndSaysToDeleteIt() throws IOException {
        Path file = Files.writeString(dir.resolve("doc.md"), "Every chunk of this document, once. ".repeat(200));
        StreamingChunker runner = new StreamingChunker(Chunking.of("recursive", ChunkingOptions.builder().maxSize(100).build()),
                OperationOptions.builder().checkpointEveryChunks(5).build());
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("doc.checkpoint"));
        List<Chunk> first = new ArrayList<>();
        StreamResult done = runner.run(DOC, ByteSource.file(file), first::add, store, Map::of);
        assertThat(done.chunks()).isEqualTo(first.size()).isGreaterThan(50);

        List<Chunk> second = new ArrayList<>();
        assertThatThrownBy(() -> runner.run(DOC, ByteSource.file(file), second::add, store, Map::of))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("the checkpoint of document 'doc.md' in collection 'default' is that of a run that completed ("
                        + first.size() + " chunks); delete it (CheckpointStore.delete, or the --checkpoint file) to chunk the"
                        + " document again");
        assertThat(second).isEmpty();

        store.delete(StreamingChunker.DEFAULT_COLLECTION, DOC);
        List<Chunk> third = new ArrayList<>();
        runner.run(DOC, ByteSource.file(file), third::add, store, Map::of);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void aRunInterruptedBeforeTheEndStillResumesFromItsCheckpoint() throws IOException {
        Path file = Files.writeString(dir.resolve("doc.md"), "Resumed, not refused. ".repeat(300));
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(80).build());
        OperationOptions options = OperationOptions.builder().bufferSize(256).checkpointEveryChunks(3).build();
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("doc.checkpoint"));
        List<Chunk> all = chunking.chunk(DOC, Files.readString(file));
        List<Chunk> delivered = new ArrayList<>();
        assertThatThrownBy(() -> new StreamingChunker(chunking, options).run(DOC, ByteSource.file(file), chunk -> {
            if (chunk.index() == all.size() / 2) {
                throw new IllegalStateException("crash");
            }
            delivered.add(chunk);
        }, store, Map::of)).hasMessage("crash");
        long next = store.load(StreamingChunker.DEFAULT_COLLECTION, DOC).orElseThrow().position().nextIndex();
        List<Chunk> rest = new ArrayList<>();
        new StreamingChunker(chunking, options).run(DOC, ByteSource.file(file), rest::add, store, Map::of);
        assertThat(rest).isEqualTo(all.subList((int) next, all.size()));
    }
}
