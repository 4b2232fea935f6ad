package dev.chunking.redis.ratelimit.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether Redis is away, so that an outage is reported once when it starts and once when it
 * ends, and so that while it lasts only one request per retry interval waits on Redis (the others
 * get the failure answer at once). Thread-safe, lock-free.
 */
public final class Outage {
    private final long retryNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong nextTry = new AtomicLong();
    private final AtomicInteger started = new AtomicInteger();

    /**
     * @param retryNanos how long after a failure Redis is tried again
     * @param nanoTime the monotonic clock of the retries
     */
    public Outage(long retryNanos, LongSupplier nanoTime) {
        this.retryNanos = retryNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * Whether this request should ask Redis: always while it is up; during an outage, one request
     * once the retry interval since the last failure has passed.
     *
     * @return true to ask Redis, false to give the failure answer at once
     */
    public boolean shouldTry() {
        if (!down.get()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        long next = nextTry.get();
        return now - next >= 0 && nextTry.compareAndSet(next, now + retryNanos);
    }

    /**
     * Records a failure.
     *
     * @return true when it starts an outage (report it), false when one was going on
     */
    public boolean failed() {
        nextTry.set(nanoTime.getAsLong() + retryNanos);
        if (down.compareAndSet(false, true)) {
            started.incrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Records an answer from Redis.
     *
     * @return true when it ends an outage (report it), false when Redis was up
     */
    public boolean succeeded() {
        return down.get() && down.compareAndSet(true, false);
    }

    /** @return whether an outage is going on */
    public boolean isDown() {
        return down.get();
    }

    /** @return how many outages started */
    public int outages() {
        return started.get();
    }
}
