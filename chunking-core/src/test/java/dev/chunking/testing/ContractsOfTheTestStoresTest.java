package dev.chunking.testing;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.ProgressListener;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The stores and listener the tests rely on keep the contracts that adapters are held to. */
class ContractsOfTheTestStoresTest {

    @Nested
    class MemoryCheckpointStoreKeepsTheCheckpointStoreContract extends CheckpointStoreContract {
        @Override
        protected CheckpointStore store() {
            return new MemoryCheckpointStore();
        }
    }

    @Nested
    class TransactionalMemoryStoreKeepsTheCheckpointStoreContract extends CheckpointStoreContract {
        @Override
        protected CheckpointStore store() {
            return new TransactionalMemoryStore();
        }
    }

    @Nested
    class TransactionalMemoryStoreKeepsTheChunkSinkContract extends ChunkSinkContract {
        private final TransactionalMemoryStore store = new TransactionalMemoryStore();

        @Override
        protected ChunkSink sink(CollectionId collection) {
            return store;
        }

        @Override
        protected List<Chunk> stored(CollectionId collection, DocumentId document) {
            return store.committed(collection, document);
        }
    }

    @Nested
    class RecordingListenerKeepsTheProgressListenerContract extends ProgressListenerContract {
        private final RecordingListener listener = new RecordingListener();

        @Override
        protected ProgressListener listener() {
            return listener;
        }

        @Override
        protected List<ProgressEvent> received() {
            return listener.events();
        }
    }
}
