package dev.chunking.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationId;
import dev.chunking.redis.internal.KeySpace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {
    @Test
    void defaultsToThePrefixChunkingAndAFiniteLifetimeForEveryKindOfKey() {
        RedisSettings s = RedisSettings.builder("redis://127.0.0.1:6379").build();
        assertThat(s.keyPrefix()).isEqualTo("chunking:");
        assertThat(s.runningTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(s.finishedTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(s.checkpointTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(s.replayEvents()).isEqualTo(1000);
    }

    @Test
    void refusesAUriThatIsNotRedisAndSaysWhatToUse() {
        assertThatThrownBy(() -> RedisSettings.builder("http://localhost:6379").build()).isInstanceOf(InvalidOptionsException.class)
                .hasMessage("Redis URI 'http://localhost:6379' is not a redis:// or rediss:// URI; use e.g. redis://127.0.0.1:6379");
    }

    @Test
    void refusesALifetimeUnderOneMillisecondNamingTheSetting() {
        assertThatThrownBy(() -> RedisSettings.builder("redis://h").finishedTtl(Duration.ZERO).build())
                .isInstanceOf(InvalidOptionsException.class).hasMessage("finishedTtl PT0S must be at least 1 ms; set finishedTtl");
        assertThatThrownBy(() -> RedisSettings.builder("redis://h").keyPrefix("").build())
                .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("set keyPrefix");
        assertThatThrownBy(() -> RedisSettings.builder("redis://h").replayEvents(0).build())
                .isInstanceOf(InvalidOptionsException.class).hasMessage("replayEvents 0 must be at least 1; set replayEvents");
    }

    @Test
    void keepsEveryKeyUnderThePrefixAndNoIdCanReachIntoAnotherKey() {
        KeySpace keys = new KeySpace("p:");
        assertThat(keys.checkpoint(CollectionId.of("a:b"), DocumentId.of("c"))).startsWith("p:checkpoint:")
                .isNotEqualTo(keys.checkpoint(CollectionId.of("a"), DocumentId.of("b:c")));
        assertThat(keys.operationState(OperationId.of("op"))).startsWith("p:op:").endsWith(":state");
        assertThat(keys.limiter("bytes:\u6587\u6863")).startsWith("p:limit:").doesNotContain("\u6587");
    }
}
