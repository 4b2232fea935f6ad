package dev.chunking.redis.checkpoint;

import static dev.chunking.testing.CheckpointStoreContract.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.CheckpointStorageException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.TestRedis;
import dev.chunking.redis.internal.KeySpace;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Redis checkpoint store promises beyond core's contract: expiry, clear failures, a host's client. */
class RedisCheckpointStoreIT {
    private static final CollectionId COLLECTION = CollectionId.of("docs");
    private static final DocumentId DOCUMENT = DocumentId.of("guide/\u6587\u6863.md");

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void deleteTheKeys() {
        redis.close();
    }

    @Test
    void everyCheckpointKeyExpiresWithinTheCheckpointTtlAndASaveRestartsIt() throws InterruptedException {
        Duration ttl = Duration.ofSeconds(30);
        KeySpace keys = new KeySpace(redis.prefix);
        try (RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().checkpointTtl(ttl).build())) {
            for (int d = 0; d < 20; d++) {
                store.save(checkpoint(COLLECTION, DocumentId.of("doc-" + d), d));
            }
            store.save(checkpoint(COLLECTION, DOCUMENT, 1));
            assertThat(redis.keys()).hasSize(21).allSatisfy(key ->
                    assertThat(redis.commands().pttl(key)).isPositive().isLessThanOrEqualTo(ttl.toMillis()));
            Thread.sleep(1100);
            store.save(checkpoint(COLLECTION, DOCUMENT, 2));
            assertThat(redis.commands().pttl(keys.checkpoint(COLLECTION, DOCUMENT)))
                    .isGreaterThan(ttl.toMillis() - 1000).isLessThanOrEqualTo(ttl.toMillis());
        }
    }

    @Test
    void aCheckpointNotSavedAgainWithinItsTtlIsGone() throws InterruptedException {
        try (RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().checkpointTtl(Duration.ofMillis(200)).build())) {
            store.save(checkpoint(COLLECTION, DOCUMENT, 4));
            assertThat(store.load(COLLECTION, DOCUMENT)).isPresent();
            Thread.sleep(400);
            assertThat(store.load(COLLECTION, DOCUMENT)).isEmpty();
            assertThat(redis.keys()).isEmpty();
        }
    }

    @Test
    void refusesAKeyThatIsNotACheckpointAndSaysToDeleteIt() {
        String key = new KeySpace(redis.prefix).checkpoint(COLLECTION, DOCUMENT);
        redis.commands().set(key, "{\"format\":2,\"collection\":\"docs\"");
        try (RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().build())) {
            assertThatThrownBy(() -> store.load(COLLECTION, DOCUMENT)).isInstanceOf(CheckpointMismatchException.class)
                    .hasMessageStartingWith("the checkpoint of document 'guide/\u6587\u6863.md' of collection 'docs' (Redis key "
                            + key + ") cannot be read (")
                    .hasMessageEndingWith("); delete it to start the document over");
            store.delete(COLLECTION, DOCUMENT);
            assertThat(store.load(COLLECTION, DOCUMENT)).isEmpty();
        }
    }

    @Test
    void refusesTheCheckpointOfAnotherPairFoundUnderAPairsKey() {
        KeySpace keys = new KeySpace(redis.prefix);
        try (RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().build())) {
            store.save(checkpoint(COLLECTION, DocumentId.of("other.md"), 5));
            redis.commands().rename(keys.checkpoint(COLLECTION, DocumentId.of("other.md")), keys.checkpoint(COLLECTION, DOCUMENT));
            assertThatThrownBy(() -> store.load(COLLECTION, DOCUMENT)).isInstanceOf(CheckpointMismatchException.class)
                    .hasMessage("the checkpoint of document 'guide/\u6587\u6863.md' of collection 'docs' (Redis key "
                            + keys.checkpoint(COLLECTION, DOCUMENT) + ") belongs to document 'other.md' of collection 'docs';"
                            + " delete it to start the document over");
        }
    }

    @Test
    void anUnreachableServerFailsEachCallWithOneMessageNamingThePairTheServerAndWhatToCheck() throws IOException {
        int port = freePort();
        RedisSettings settings = RedisSettings.builder("redis://s3cret@127.0.0.1:" + port).keyPrefix(redis.prefix)
                .commandTimeout(Duration.ofMillis(300)).build();
        try (RedisCheckpointStore store = RedisCheckpointStore.open(settings)) {
            long started = System.nanoTime();
            CheckpointStorageException failure = assertThrows(CheckpointStorageException.class,
                    () -> store.save(checkpoint(COLLECTION, DOCUMENT, 1)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(failure).hasMessage("cannot save the checkpoint of document 'guide/\u6587\u6863.md' of collection 'docs'"
                    + " in Redis at redis://***@127.0.0.1:" + port + ": Unable to connect to 127.0.0.1/<unresolved>:" + port
                    + " (Connection refused); check that the server runs and is reachable from this"
                    + " machine, and the URI, password and commandTimeout (PT0.3S) of the RedisSettings")
                    .hasMessageNotContaining("s3cret");
            assertThatThrownBy(() -> store.load(COLLECTION, DOCUMENT)).isInstanceOf(CheckpointStorageException.class)
                    .hasMessageStartingWith("cannot load the checkpoint of document 'guide/\u6587\u6863.md' of collection 'docs'"
                            + " from Redis at redis://***@127.0.0.1:" + port + ": ");
            assertThatThrownBy(() -> store.delete(COLLECTION, DOCUMENT)).isInstanceOf(CheckpointStorageException.class)
                    .hasMessageStartingWith("cannot delete the checkpoint of document 'guide/\u6587\u6863.md' of collection 'docs'"
                            + " in Redis at redis://***@127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void worksOverAHostsClientAndLeavesItOpenWhenClosed() {
        RedisClient client = RedisClient.create();
        try {
            Checkpoint saved = checkpoint(COLLECTION, DOCUMENT, 6);
            try (RedisCheckpointStore store = RedisCheckpointStore.over(client, redis.settings().build())) {
                store.save(saved);
            }
            try (RedisCheckpointStore other = RedisCheckpointStore.over(client, redis.settings().build())) {
                assertThat(other.load(COLLECTION, DOCUMENT)).contains(saved);
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void refusesCallsOnceClosed() {
        RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().build());
        store.close();
        store.close();
        assertThatThrownBy(() -> store.load(COLLECTION, DOCUMENT)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this RedisCheckpointStore of " + TestRedis.URI + " is closed");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
