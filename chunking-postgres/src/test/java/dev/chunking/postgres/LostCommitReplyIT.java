package dev.chunking.postgres;

import static dev.chunking.postgres.StoreFixtures.MULTILINGUAL;
import static dev.chunking.postgres.StoreFixtures.chunking;
import static dev.chunking.postgres.StoreFixtures.newCollection;
import static dev.chunking.postgres.StoreFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The server commits a transaction but its reply is lost (the driver reports SQLState 08006 after
 * the commit took effect): the writer runs the unit again without storing anything twice, and
 * when it gives up its message does not claim that nothing was stored.
 */
class LostCommitReplyIT {
    private static final DocumentId DOCUMENT = DocumentId.of("lost-reply");

    @Test
    void aCompletingBatchWhoseCommitReplyIsLostIsStoredOnceAndCompleted() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            AtomicInteger lose = new AtomicInteger();
            try (PostgresChunkStore store = PostgresChunkStore.start(losingCommitReplies(database.dataSource(), lose), false,
                    PostgresStoreOptions.builder().batchChunks(5).build(), d -> { })) {
                CollectionId collection = newCollection();
                List<Chunk> chunks = chunking("recursive").chunk(DOCUMENT, MULTILINGUAL);
                PostgresChunkWriter writer = store.writer(collection);
                chunks.forEach(writer::accept);
                lose.set(1); // the commit of the last batch, which also completes the document (the run began with the first batch)
                writer.complete(DOCUMENT);
                assertThat(lose.get()).isZero();
                assertThat(read(store, collection, DOCUMENT)).isEqualTo(chunks);
                assertThat(store.count(collection, DOCUMENT)).isEqualTo(chunks.size());
                assertThat(StoreFixtures.rows(database, store, collection, DOCUMENT)).isEqualTo(chunks.size());
            }
        }
    }

    @Test
    void aWriteThatGivesUpAfterALostCommitReplyDoesNotSayNothingWasStored() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            AtomicInteger lose = new AtomicInteger();
            try (PostgresChunkStore store = PostgresChunkStore.start(losingCommitReplies(database.dataSource(), lose), false,
                    PostgresStoreOptions.builder().batchChunks(5).attempts(1).build(), d -> { })) {
                CollectionId collection = newCollection();
                List<Chunk> chunks = chunking("recursive").chunk(DOCUMENT, MULTILINGUAL);
                PostgresChunkWriter writer = store.writer(collection);
                chunks.forEach(writer::accept);
                lose.set(1);
                assertThatThrownBy(() -> writer.complete(DOCUMENT)).isInstanceOf(ChunkStoreException.class)
                        .message().doesNotContain("nothing of this batch was stored").contains("may have been stored");
                assertThat(read(store, collection, DOCUMENT)).isEqualTo(chunks); // it was: the commit took effect
            }
        }
    }

    /** Connections whose commit, while {@code lose} is positive, takes effect and then reports a lost connection. */
    private static DataSource losingCommitReplies(DataSource target, AtomicInteger lose) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, args) -> {
                    Object result = invoke(target, m, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (cp, cm, cargs) -> {
                                Object r = invoke(connection, cm, cargs);
                                if ("commit".equals(cm.getName()) && lose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                    connection.close();
                                    throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                                }
                                return r;
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
