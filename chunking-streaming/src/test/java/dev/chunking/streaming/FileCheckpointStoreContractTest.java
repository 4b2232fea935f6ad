package dev.chunking.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.testing.CheckpointStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of checkpoint files keeps the checkpoint store contract; the one-file store refuses another pair's checkpoint. */
class FileCheckpointStoreContractTest extends CheckpointStoreContract {
    @TempDir
    Path dir;

    @Override
    protected CheckpointStore store() {
        return FileCheckpointStore.inDirectory(dir.resolve("checkpoints"));
    }

    @Test
    void aDirectoryStoreNamesEachPairsFileByAHashSoAnyIdIsASafeFileName() throws IOException {
        CheckpointStore store = store();
        store.save(checkpoint(collection("../c"), DocumentId.of("../../etc/passwd"), 1));
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).singleElement().asString()
                    .matches("[0-9a-f]{64}\\.checkpoint");
        }
    }

    @Test
    void aOneFileStoreRefusesToLoadTheCheckpointOfAnotherCollectionAndKeepsItOnDelete() {
        Path file = dir.resolve("one.checkpoint");
        FileCheckpointStore store = new FileCheckpointStore(file);
        CollectionId first = collection("first");
        CollectionId second = collection("second");
        store.save(checkpoint(first, DocumentId.of("d"), 4));
        assertThatThrownBy(() -> store.load(second, DocumentId.of("d"))).isInstanceOf(CheckpointMismatchException.class)
                .hasMessage("checkpoint " + file + " belongs to document 'd' of collection '" + first + "', not 'd' of '" + second
                        + "'; delete it or name another checkpoint file");
        assertThatThrownBy(() -> store.delete(second, DocumentId.of("d"))).isInstanceOf(CheckpointMismatchException.class);
        assertThat(store.load(first, DocumentId.of("d"))).contains(checkpoint(first, DocumentId.of("d"), 4));
    }
}
