package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint that does not belong to the run is refused with the reason and the way out. */
class CheckpointMismatchTest {
    private static final DocumentId DOC = DocumentId.of("doc");

    @TempDir
    Path dir;

    /** Stands for a crash. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @org.junit.jupiter.api.Test
    void refusesToResumeWhenTheSourceTheOptionsOrTheDocumentChanged() throws IOException {
        Path file = Files.writeString(dir.resolve("changing.txt"), "one two three four five six seven eight nine ten");
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("changing.checkpoint"));
        Chunking chunking = Chunking.of("recursive", ChunkingOptions.builder().maxSize(10).overlap(0).build());
        StreamingChunker runner = new StreamingChunker(chunking, OperationOptions.builder().bufferSize(8).checkpointEveryChunks(1).build());
        assertThatThrownBy(() -> runner.run(DOC, ByteSource.file(file), c -> {
            if (c.index() == 2) {
                throw new Crash();
            }
        }, store, Map::of)).isInstanceOf(Crash.class);

        StreamingChunker other = new StreamingChunker(Chunking.of("recursive", ChunkingOptions.builder().maxSize(12).overlap(0).build()),
                OperationOptions.defaults());
        assertThatThrownBy(() -> other.run(DOC, ByteSource.file(file), c -> { }, store, Map::of))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageStartingWith("the checkpoint was taken with options ChunkingOptions[maxSize=10")
                .hasMessageEndingWith("; delete the checkpoint to start over");
        assertThatThrownBy(() -> runner.run(DocumentId.of("another"), ByteSource.file(file), c -> { }, store, Map::of))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("checkpoint " + store.file() + " belongs to document 'doc' of collection 'default', not 'another' of 'default'; delete it or name another"
                        + " checkpoint file");

        Files.writeString(file, "one two three four five six seven eight nine ten eleven");
        assertThatThrownBy(() -> runner.run(DOC, ByteSource.file(file), c -> { }, store, Map::of))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessage(file + " changed since the checkpoint (size 48 -> 55 bytes); delete the checkpoint to start over");
        Files.writeString(file, "one two three four five six seven eight nine TEN");
        Files.setLastModifiedTime(file, FileTime.fromMillis(store.load(StreamingChunker.DEFAULT_COLLECTION, DOC).orElseThrow().source().modifiedMillis()));
        assertThatThrownBy(() -> runner.run(DOC, ByteSource.file(file), c -> { }, store, Map::of))
                .hasMessage(file + " changed since the checkpoint (first 64 KiB differ); delete the checkpoint to start over");

        Files.writeString(store.file(), "document=\\uZZZZ\n");
        assertThatThrownBy(() -> store.load(StreamingChunker.DEFAULT_COLLECTION, DOC)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("checkpoint " + store.file() + " cannot be read (Malformed \\uxxxx encoding.); delete it to start over");
        Files.writeString(store.file(), "format=1\ndocument=doc\n");
        assertThatThrownBy(() -> store.load(StreamingChunker.DEFAULT_COLLECTION, DOC)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("checkpoint " + store.file() + " cannot be read (missing options.maxSize); delete it to start over");
    }
}
