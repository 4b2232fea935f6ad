package dev.chunking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.domain.Utf8Text;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How many transactions a writer's batches take: a checkpoint after a full batch rides with it. */
class PostgresChunkWriterBatchIT {
    private static final CollectionId COLLECTION = CollectionId.of("batches");
    private static final DocumentId DOCUMENT = DocumentId.of("doc");

    private TestDatabase database;
    private final AtomicInteger borrowed = new AtomicInteger();
    private PostgresChunkStore store;

    @BeforeEach
    void createSchema() throws SQLException {
        database = new TestDatabase();
        DataSource real = database.dataSource();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        borrowed.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        store = PostgresChunkStore.create(counting, PostgresStoreOptions.builder().batchChunks(4).build());
    }

    @AfterEach
    void dropSchema() throws SQLException {
        database.close();
    }

    @Test
    void writesAFullBatchAndTheCheckpointThatFollowsItInOneTransaction() {
        PostgresChunkWriter writer = store.writer(COLLECTION);
        for (int i = 0; i < 4; i++) {
            writer.accept(chunk(i));
        }
        int before = borrowed.get();
        writer.commit(checkpoint(4));
        // one transaction starts the run, one writes the four chunks with the checkpoint
        assertThat(borrowed.get() - before).isEqualTo(2);
        for (int i = 4; i < 8; i++) {
            writer.accept(chunk(i));
        }
        before = borrowed.get();
        writer.commit(checkpoint(8));
        assertThat(borrowed.get() - before).isEqualTo(1);
        writer.complete(DOCUMENT);
        assertThat(store.count(COLLECTION, DOCUMENT)).isEqualTo(8);
        assertThat(store.load(COLLECTION, DOCUMENT)).hasValueSatisfying(c -> assertThat(c.position().nextIndex()).isEqualTo(8));
    }

    @Test
    void stillWritesAFullBatchBeforeTheNextChunkWithoutACommit() {
        PostgresChunkWriter writer = store.writer(COLLECTION);
        int before = borrowed.get();
        for (int i = 0; i < 9; i++) {
            writer.accept(chunk(i));
        }
        // two full batches went out (the run's start, then one transaction each); the ninth chunk waits
        assertThat(borrowed.get() - before).isEqualTo(3);
        writer.complete(DOCUMENT);
        assertThat(store.count(COLLECTION, DOCUMENT)).isEqualTo(9);
    }

    private static Chunk chunk(int index) {
        Utf8Text text = Utf8Text.of("chunk " + index + "\twith a tab");
        long cp = text.codePointLength();
        return new Chunk(DOCUMENT, index, text, index * cp, index * cp + cp, index * cp, index * cp + cp, (int) cp, SizeUnit.CHARS,
                "recursive", ChunkMetadata.NONE, 0);
    }

    private static Checkpoint checkpoint(long next) {
        return new Checkpoint(Checkpoint.FORMAT_VERSION, COLLECTION, DOCUMENT, "recursive", ChunkingOptions.defaults(),
                new SourceFingerprint(0, 0, "0".repeat(64), "0".repeat(64)), new ResumePoint(0, 0, 0, 0, next, 0), Map.of());
    }
}
