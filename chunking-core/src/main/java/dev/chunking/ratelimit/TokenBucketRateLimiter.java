package dev.chunking.ratelimit;


import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.RateLimit;
import dev.chunking.spi.RateLimiter;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A {@link RateLimiter} in this process: one token bucket per key. A key's bucket starts full
 * ({@code burst} permits) and refills continuously at its rate up to the burst. A request for
 * {@code permits} is granted when the bucket holds at least {@code min(permits, burst)}: it then
 * drops by {@code permits}, into debt when they exceed the burst, so that an operation reading 64 KiB
 * buffers under a smaller burst still goes on at the average rate; otherwise the answer is the exact
 * time until enough tokens are there (at least 1 ns), and nothing is taken. Over any stretch of
 * time a key is granted at most {@code burst + rate × seconds} permits, plus one request's excess
 * over the burst.
 *
 * <pre>{@code
 * RateLimiter limiter = TokenBucketRateLimiter.builder(RateLimit.perSecond(8 << 20, 1 << 20)) // 8 MiB/s, 1 MiB bursts
 *         .limit("bytes:archive", RateLimit.perSecond(1 << 20, 256 << 10))
 *         .build();
 * ChunkingOperations operations = ChunkingOperations.builder().rateLimiter(limiter).build();
 * }</pre>
 *
 * <p><b>Memory.</b> At most {@code maxKeys} keys are tracked, however many are seen. A key whose
 * bucket is full again is idle: forgetting it is lossless, since a new bucket starts full. When
 * a new key finds {@code maxKeys} tracked, one sweep forgets every idle key and, if that frees
 * fewer than {@code maxKeys / 16} (at least 1) places, the least recently used keys up to that
 * number: those lose their debt and partial refill, so each may take a burst again. A sweep costs
 * {@code O(maxKeys)} and normally frees {@code maxKeys / 16} places, so the cost per new key is
 * amortised constant; lossy eviction only happens while more than {@code maxKeys} keys are busy
 * within one refill time.
 *
 * <p><b>Threads.</b> Thread-safe: keys live in a {@link ConcurrentHashMap}, each bucket is locked only
 * for its arithmetic (the clock is read under that lock, so grants see time in order), and one
 * sweep runs at a time. A granted request allocates nothing; a refused one allocates its
 * {@link Duration}. The configuration is immutable.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
    /** Default bound on the number of tracked keys. */
    public static final int DEFAULT_MAX_KEYS = 10_000;

    private final RateLimit defaultLimit;
    private final Map<String, RateLimit> exactLimits;
    private final Function<String, RateLimit> limits;
    private final LongSupplier nanoTime;
    private final int maxKeys;
    private final ConcurrentHashMap<String, TokenBucket> buckets;
    private final AtomicInteger places = new AtomicInteger(); // buckets in the map plus those about to be put there
    private final Object sweepLock = new Object();
    private long[] ages; // the sweep's scratch space, under sweepLock

    private TokenBucketRateLimiter(Builder b) {
        this.defaultLimit = b.defaultLimit;
        this.exactLimits = Map.copyOf(b.exactLimits);
        this.limits = b.limits;
        this.nanoTime = b.nanoTime;
        this.maxKeys = b.maxKeys;
        this.buckets = new ConcurrentHashMap<>(Math.min(maxKeys, 1024));
    }

    /**
     * A builder whose keys all get {@code defaultLimit} until other limits are set; by default it
     * tracks at most {@value #DEFAULT_MAX_KEYS} keys and reads {@link System#nanoTime()}.
     *
     * @param defaultLimit the limit of keys without one of their own
     * @return the builder
     */
    public static Builder builder(RateLimit defaultLimit) {
        return new Builder(defaultLimit);
    }

    /**
     * A limiter with one limit for every key and the defaults otherwise.
     *
     * @param limit the limit of every key
     * @return the limiter
     * @throws InvalidOptionsException if the limit is null
     */
    public static TokenBucketRateLimiter of(RateLimit limit) {
        return builder(limit).build();
    }

    /**
     * Takes {@code permits} for {@code key} when its bucket holds at least {@code min(permits,
     * burst)} tokens. Thread-safe.
     *
     * @param key what the permits are for, not blank; compared exactly
     * @param permits how many, at least 1
     * @return {@link Duration#ZERO} when taken; else the exact wait (at least 1 ns) until the bucket
     *     holds enough, with nothing taken
     * @throws InvalidOptionsException if the key is null or blank, permits is below 1, or the permits
     *     would take more than about 73 years to refill at the key's rate
     */
    @Override
    public Duration tryAcquire(String key, long permits) {
        RateLimiter.checkRequest(key, permits);
        for (;;) {
            TokenBucket bucket = buckets.get(key);
            if (bucket == null) {
                bucket = admit(key);
            }
            long wait = bucket.tryTake(permits, nanoTime);
            if (wait == 0) {
                return Duration.ZERO;
            }
            if (wait > 0) {
                return Duration.ofNanos(wait);
            }
            if (wait == TokenBucket.TOO_LARGE) {
                RateLimit limit = bucket.limit();
                throw new InvalidOptionsException(permits + " permits asked for key '" + key + "' would take more than 73 years"
                        + " to refill at " + limit.permitsPerSecond() + " permits per second; ask for fewer permits or raise the rate");
            }
            Thread.onSpinWait(); // retired by a sweep: it is leaving the map
        }
    }

    /**
     * The limit a key gets: its own (set with {@link Builder#limit}), else the function's (set with
     * {@link Builder#limits}) when not null, else the default. Thread-safe.
     *
     * @param key the key
     * @return the limit
     */
    public RateLimit limitFor(String key) {
        RateLimit exact = exactLimits.get(key);
        if (exact != null) {
            return exact;
        }
        RateLimit computed = limits.apply(key);
        return computed == null ? defaultLimit : computed;
    }

    /**
     * How many keys have a bucket now, counting those another thread is adding at this moment:
     * never more than {@link #maxKeys()}. Thread-safe.
     *
     * @return the number of tracked keys
     */
    public int trackedKeys() {
        return places.get(); // exact, unlike a concurrent map's size while it changes
    }

    /**
     * The most keys tracked at once.
     *
     * @return the bound
     */
    public int maxKeys() {
        return maxKeys;
    }

    /** Takes a place for a new key, sweeping when none is left, and puts a full bucket there (unless another thread just did). */
    private TokenBucket admit(String key) {
        for (int taken = places.get(); taken >= maxKeys || !places.compareAndSet(taken, taken + 1); taken = places.get()) {
            if (taken >= maxKeys && !sweep()) {
                Thread.onSpinWait(); // the places are reserved by threads about to put their bucket
            }
        }
        TokenBucket prior;
        TokenBucket fresh;
        try {
            fresh = new TokenBucket(limitFor(key), nanoTime.getAsLong());
            prior = buckets.putIfAbsent(key, fresh);
        } catch (RuntimeException | Error e) {
            places.decrementAndGet();
            throw e;
        }
        if (prior != null) {
            places.decrementAndGet();
            return prior;
        }
        return fresh;
    }

    /**
     * Forgets every idle key and, if that frees fewer than {@code maxKeys / 16} (at least 1)
     * places, the least recently used keys up to that number.
     *
     * @return whether a place is free now
     */
    private boolean sweep() {
        synchronized (sweepLock) {
            if (places.get() < maxKeys) {
                return true; // another thread's sweep made room
            }
            long now = nanoTime.getAsLong();
            int target = Math.max(1, maxKeys / 16);
            int freed = 0;
            int busy = 0;
            if (ages == null) {
                ages = new long[maxKeys];
            }
            for (Map.Entry<String, TokenBucket> entry : buckets.entrySet()) {
                long age = entry.getValue().retireIfFull(now);
                if (age == TokenBucket.RETIRED_FULL) {
                    freed += forget(entry.getKey(), entry.getValue());
                } else if (busy < ages.length) {
                    ages[busy++] = age;
                }
            }
            if (freed < target && busy > 0) {
                int left = Math.min(target - freed, busy);
                Arrays.sort(ages, 0, busy);
                long oldest = ages[busy - left]; // the age of the youngest key to forget
                for (Map.Entry<String, TokenBucket> entry : buckets.entrySet()) {
                    if (left == 0) {
                        break;
                    }
                    if (entry.getValue().retireIfFullOrOlder(now, oldest)) {
                        int f = forget(entry.getKey(), entry.getValue());
                        freed += f;
                        left -= f;
                    }
                }
            }
            return freed > 0;
        }
    }

    private int forget(String key, TokenBucket bucket) {
        if (buckets.remove(key, bucket)) {
            places.decrementAndGet();
            return 1;
        }
        return 0;
    }

    /** Builds {@link TokenBucketRateLimiter}; not thread-safe. */
    public static final class Builder {
        private final RateLimit defaultLimit;
        private final Map<String, RateLimit> exactLimits = new HashMap<>();
        private Function<String, RateLimit> limits = key -> null;
        private LongSupplier nanoTime = System::nanoTime;
        private int maxKeys = DEFAULT_MAX_KEYS;

        private Builder(RateLimit defaultLimit) {
            this.defaultLimit = defaultLimit;
        }

        /**
         * Gives one key a limit of its own, ahead of {@link #limits} and the default.
         *
         * @param key the exact key, e.g. {@code bytes:manuals}; not blank
         * @param limit its limit
         * @return this builder
         * @throws InvalidOptionsException if the key is blank or the limit null
         */
        public Builder limit(String key, RateLimit limit) {
            if (key == null || key.isBlank() || limit == null) {
                throw new InvalidOptionsException("a per-key limit needs a key that is not blank and a limit, got key "
                        + (key == null ? "null" : "'" + key + "'") + " and limit " + limit + "; pass both to limit(key, limit)");
            }
            exactLimits.put(key, limit);
            return this;
        }

        /**
         * Computes the limit of keys without one of their own; a null answer means the default. It
         * is asked once each time a key gets a bucket, from any thread: it must be thread-safe, fast
         * and give the same answer for the same key.
         *
         * @param value from key to limit, e.g. {@code key -> key.startsWith("bytes:tenant-") ? small : null}
         * @return this builder
         */
        public Builder limits(Function<String, RateLimit> value) {
            limits = value;
            return this;
        }

        /**
         * Sets the monotonic clock.
         *
         * @param value nanoseconds like {@link System#nanoTime()} (only differences count); by default that
         * @return this builder
         */
        public Builder nanoTime(LongSupplier value) {
            nanoTime = value;
            return this;
        }

        /**
         * Bounds the number of tracked keys (see the class comment for how keys are forgotten).
         *
         * @param value at least 1; by default {@value TokenBucketRateLimiter#DEFAULT_MAX_KEYS}
         * @return this builder
         */
        public Builder maxKeys(int value) {
            maxKeys = value;
            return this;
        }

        /**
         * Builds the limiter.
         *
         * @return the limiter
         * @throws InvalidOptionsException if the default limit, the limits function or the clock is
         *     missing, or maxKeys is below 1
         */
        public TokenBucketRateLimiter build() {
            if (defaultLimit == null || limits == null || nanoTime == null) {
                throw new InvalidOptionsException("the default limit, limits and nanoTime must be set, got " + defaultLimit + ", "
                        + limits + " and " + nanoTime + "; pass a RateLimit to builder(...) and set limits and nanoTime");
            }
            if (maxKeys < 1) {
                throw new InvalidOptionsException("maxKeys " + maxKeys + " is below the minimum of 1; set maxKeys to at least 1");
            }
            return new TokenBucketRateLimiter(this);
        }
    }
}
