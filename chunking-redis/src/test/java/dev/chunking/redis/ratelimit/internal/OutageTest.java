package dev.chunking.redis.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Outage outage = new Outage(100, now::get);

    @Test
    void reportsTheStartOfAnOutageOnceAndItsEndOnce() {
        assertThat(outage.succeeded()).isFalse();
        assertThat(outage.failed()).isTrue();
        assertThat(outage.failed()).isFalse();
        assertThat(outage.failed()).isFalse();
        assertThat(outage.isDown()).isTrue();
        assertThat(outage.succeeded()).isTrue();
        assertThat(outage.succeeded()).isFalse();
        assertThat(outage.failed()).isTrue();
        assertThat(outage.outages()).isEqualTo(2);
    }

    @Test
    void letsOneRequestAskRedisPerRetryIntervalWhileItIsAway() {
        assertThat(outage.shouldTry()).isTrue();
        outage.failed();
        assertThat(outage.shouldTry()).isFalse();
        now.addAndGet(99);
        assertThat(outage.shouldTry()).isFalse();
        now.addAndGet(1);
        assertThat(outage.shouldTry()).isTrue();
        assertThat(outage.shouldTry()).as("only one request per interval").isFalse();
        now.addAndGet(100);
        assertThat(outage.shouldTry()).isTrue();
        outage.succeeded();
        assertThat(outage.shouldTry()).isTrue();
        assertThat(outage.shouldTry()).isTrue();
    }
}
