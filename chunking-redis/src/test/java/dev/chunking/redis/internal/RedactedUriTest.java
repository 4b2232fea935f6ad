package dev.chunking.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUriTest {
    @Test
    void hidesAPasswordOrAUserAndPasswordBeforeTheHost() {
        assertThat(RedactedUri.of("redis://s3cret@cache:6379/0")).isEqualTo("redis://***@cache:6379/0");
        assertThat(RedactedUri.of("rediss://app:s3cret@cache.example:6380")).isEqualTo("rediss://***@cache.example:6380");
    }

    @Test
    void hidesAPasswordGivenAsAQueryParameter() {
        assertThat(RedactedUri.of("redis-socket:///run/redis.sock?database=2&password=s3cret"))
                .isEqualTo("redis-socket:///run/redis.sock?database=2&password=***");
    }

    @Test
    void leavesAUriWithoutSecretsAsItIs() {
        assertThat(RedactedUri.of("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    }
}
