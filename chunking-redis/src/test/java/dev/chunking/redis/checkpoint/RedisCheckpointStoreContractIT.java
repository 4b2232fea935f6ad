package dev.chunking.redis.checkpoint;

import dev.chunking.redis.TestRedis;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.testing.CheckpointStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The Redis checkpoint store keeps core's checkpoint store contract, on the test server under a prefix of its own. */
class RedisCheckpointStoreContractIT extends CheckpointStoreContract {
    private final TestRedis redis = new TestRedis();
    private final RedisCheckpointStore store = RedisCheckpointStore.open(redis.settings().build());

    @Override
    protected CheckpointStore store() {
        return store;
    }

    @AfterEach
    void closeTheStoreAndDeleteItsKeys() {
        store.close();
        redis.close();
    }
}
