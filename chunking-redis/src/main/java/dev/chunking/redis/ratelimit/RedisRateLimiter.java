package dev.chunking.redis.ratelimit;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.RateLimit;
import dev.chunking.ratelimit.TokenBucket;
import dev.chunking.ratelimit.TokenBucketRateLimiter;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.internal.KeySpace;
import dev.chunking.redis.ratelimit.internal.BucketScript;
import dev.chunking.redis.ratelimit.internal.Outage;
import dev.chunking.spi.RateLimiter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RateLimiter} shared by every instance that uses the same Redis and key prefix: one
 * token bucket per key, kept in Redis, with exactly the semantics of the in-process
 * {@link TokenBucketRateLimiter} (a bucket starts full with {@code burst} permits and refills
 * continuously at its rate; a request is granted when the bucket holds {@code min(permits, burst)},
 * which then drops by {@code permits}, into debt beyond the burst; otherwise the answer is the exact
 * wait, at least 1 ns, and nothing is taken). So over any stretch of time all instances together are
 * granted at most {@code burst + rate × seconds} permits per key, plus one request's excess over the
 * burst.
 *
 * <pre>{@code
 * RedisSettings settings = RedisSettings.builder("redis://redis.internal:6379").build();
 * try (RedisRateLimiter limiter = RedisRateLimiter.builder(settings, RateLimit.perSecond(8 << 20, 1 << 20))
 *         .limit("bytes:archive", RateLimit.perSecond(1 << 20, 256 << 10))
 *         .onRedisFailure(OnRedisFailure.FALL_BACK_TO_LOCAL)
 *         .build()) {
 *     ChunkingOperations operations = ChunkingOperations.builder().rateLimiter(limiter).build();
 * }
 * }</pre>
 *
 * <p><b>One round trip, Redis's clock.</b> Each request is one {@code EVALSHA} of an atomic Lua
 * script (loaded once with {@code SCRIPT LOAD}, sent whole with {@code EVAL} if the server forgot
 * it) that reads the time with {@code TIME} on the server: the instances' clocks never count, so an
 * instance whose clock is wrong or jumps changes nothing. A bucket's key ({@code <prefix>limit:<key>})
 * expires when the bucket would be full again, which is when forgetting it is lossless.
 *
 * <p><b>When Redis is away</b> (refused, cut, a command slower than the settings' {@code commandTimeout}, an
 * error answer) the limiter answers as its {@link OnRedisFailure} says; the default is
 * {@link OnRedisFailure#FALL_BACK_TO_LOCAL}, because it is the only answer that keeps the
 * limiter's promise in part: each instance stays at the configured rate and work goes on, where
 * {@code FAIL_OPEN} lifts the limit altogether and {@code FAIL_CLOSED} stops every instance for as
 * long as Redis is away. The outage is logged once at WARN and its end once at INFO; while it lasts,
 * one request per {@linkplain Builder#retryInterval retry interval} asks Redis again and the others
 * get the failure answer at once.
 *
 * <p><b>Threads.</b> Thread-safe: requests share one connection (Lettuce pipelines them). The
 * configuration is immutable.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
    /** The default of {@link Builder#retryInterval}. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final KeySpace keys;
    private final long timeoutNanos;
    private final RateLimit defaultLimit;
    private final Map<String, RateLimit> exactLimits;
    private final Function<String, RateLimit> limits;
    private final OnRedisFailure onFailure;
    private final Duration retryInterval;
    private final RateLimiter local;
    private final LongSupplier testClock;
    private final Outage outage;
    private final BucketScript script;
    private final RedisClient client;
    private final boolean ownsClient;
    private final Object connecting = new Object();
    private volatile StatefulRedisConnection<String, String> connection;
    private final boolean ownsConnection;

    private RedisRateLimiter(Builder b, RedisClient client, boolean ownsClient, StatefulRedisConnection<String, String> connection) {
        this.keys = new KeySpace(b.settings.keyPrefix());
        this.timeoutNanos = b.settings.commandTimeout().toNanos();
        this.defaultLimit = b.defaultLimit;
        this.exactLimits = Map.copyOf(b.exactLimits);
        this.limits = b.limits;
        this.onFailure = b.onFailure;
        this.retryInterval = b.retryInterval;
        this.testClock = b.testClock;
        this.local = onFailure == OnRedisFailure.FALL_BACK_TO_LOCAL
                ? TokenBucketRateLimiter.builder(b.defaultLimit).limits(this::limitFor).nanoTime(b.nanoTime).build()
                : RateLimiter.UNLIMITED;
        this.outage = new Outage(retryInterval.toNanos(), b.nanoTime);
        this.script = b.script;
        this.client = client;
        this.ownsClient = ownsClient;
        this.connection = connection;
        this.ownsConnection = connection == null;
    }

    /**
     * A builder whose keys all get {@code defaultLimit} until other limits are set, falling back to
     * a local limiter when Redis is away.
     *
     * @param settings the server, the key prefix and the command timeout
     * @param defaultLimit the limit of keys without one of their own
     * @return the builder
     */
    public static Builder builder(RedisSettings settings, RateLimit defaultLimit) {
        return new Builder(settings, defaultLimit);
    }

    /**
     * Takes {@code permits} for {@code key} from its bucket in Redis when it holds at least
     * {@code min(permits, burst)} tokens; while Redis is away, answers as {@link OnRedisFailure} says.
     * Thread-safe.
     *
     * @param key what the permits are for, not blank; compared exactly
     * @param permits how many, at least 1
     * @return {@link Duration#ZERO} when taken; else the exact wait (at least 1 ns), nothing taken
     * @throws InvalidOptionsException if the key is null or blank, permits is below 1, or the permits
     *     would take more than about 73 years to refill at the key's rate
     */
    @Override
    public Duration tryAcquire(String key, long permits) {
        RateLimiter.checkRequest(key, permits);
        RateLimit limit = limitFor(key);
        double nanosPerPermit = 1e9 / limit.permitsPerSecond();
        long cost = nanos(permits * nanosPerPermit, true);
        if (cost >= TokenBucket.MAX_NANOS) {
            throw new InvalidOptionsException(permits + " permits asked for key '" + key + "' would take more than 73 years"
                    + " to refill at " + limit.permitsPerSecond() + " permits per second; ask for fewer permits or raise the rate");
        }
        long allowance = nanos((limit.burst() - Math.min(permits, limit.burst())) * nanosPerPermit, false);
        if (!outage.shouldTry()) {
            return whileAway(key, permits);
        }
        String[] args = testClock == null
                ? new String[] {Long.toString(cost), Long.toString(allowance), "0"}
                : new String[] {Long.toString(cost), Long.toString(allowance), "600000", Long.toString(testClock.getAsLong())};
        try {
            long wait = script.run(connection(), keys.limiter(key), args, timeoutNanos);
            if (outage.succeeded()) {
                LOG.info("Redis answers again: the rate limits of keys under '{}' are shared by every instance again", keys.prefix());
            }
            return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
        } catch (ExecutionException | TimeoutException | RedisException e) {
            if (outage.failed()) {
                LOG.warn("Redis cannot be reached ({}); until it answers, the rate limiter of keys under '{}' {}",
                        e.getCause() != null && e instanceof ExecutionException ? e.getCause().toString() : e.toString(),
                        keys.prefix(), describe(onFailure));
            }
            return whileAway(key, permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whileAway(key, permits);
        }
    }

    /**
     * The limit a key gets: its own (set with {@link Builder#limit}), else the function's (set with
     * {@link Builder#limits}) when not null, else the default. Every instance sharing a key must give
     * it the same limit. Thread-safe.
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
     * What this limiter answers while Redis is away.
     *
     * @return the mode
     */
    public OnRedisFailure onRedisFailure() {
        return onFailure;
    }

    /**
     * Whether the last request found Redis away (an outage is going on).
     *
     * @return true during an outage
     */
    public boolean redisAway() {
        return outage.isDown();
    }

    /**
     * How many outages this limiter saw (each logged once).
     *
     * @return the number of outages that started
     */
    public int outages() {
        return outage.outages();
    }

    /**
     * Closes the connection this limiter opened and shuts down the client it created; a host's
     * client or connection is left open.
     */
    @Override
    public void close() {
        synchronized (connecting) {
            StatefulRedisConnection<String, String> open = connection;
            if (ownsConnection && open != null) {
                open.close();
                connection = null;
            }
            if (ownsClient) {
                client.shutdown();
            }
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            return open;
        }
        synchronized (connecting) {
            if (connection == null) {
                connection = client.connect();
            }
            return connection;
        }
    }

    private Duration whileAway(String key, long permits) {
        return switch (onFailure) {
            case FAIL_OPEN -> Duration.ZERO;
            case FAIL_CLOSED -> retryInterval;
            case FALL_BACK_TO_LOCAL -> local.tryAcquire(key, permits);
        };
    }

    private static String describe(OnRedisFailure mode) {
        return switch (mode) {
            case FAIL_OPEN -> "grants every request (FAIL_OPEN)";
            case FAIL_CLOSED -> "grants nothing (FAIL_CLOSED)";
            case FALL_BACK_TO_LOCAL -> "limits each instance on its own (FALL_BACK_TO_LOCAL)";
        };
    }

    /** Rounded up (a cost) or down (an allowance), capped at {@link TokenBucket#MAX_NANOS}, as {@link TokenBucket} does. */
    private static long nanos(double exact, boolean up) {
        double rounded = up ? Math.ceil(exact) : Math.floor(exact);
        return rounded >= TokenBucket.MAX_NANOS ? TokenBucket.MAX_NANOS : (long) rounded;
    }

    /** Builds {@link RedisRateLimiter}; not thread-safe. */
    public static final class Builder {
        private final RedisSettings settings;
        private final RateLimit defaultLimit;
        private final Map<String, RateLimit> exactLimits = new HashMap<>();
        private Function<String, RateLimit> limits = key -> null;
        private OnRedisFailure onFailure = OnRedisFailure.FALL_BACK_TO_LOCAL;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
        private LongSupplier nanoTime = System::nanoTime;
        private LongSupplier testClock;
        private BucketScript script = new BucketScript();

        private Builder(RedisSettings settings, RateLimit defaultLimit) {
            this.settings = settings;
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
         * is asked on every request, from any thread: it must be thread-safe, fast and give the same
         * answer for the same key.
         *
         * @param value from key to limit
         * @return this builder
         */
        public Builder limits(Function<String, RateLimit> value) {
            limits = value;
            return this;
        }

        /**
         * Sets what the limiter answers while Redis is away.
         *
         * @param value the mode; by default {@link OnRedisFailure#FALL_BACK_TO_LOCAL}
         * @return this builder
         */
        public Builder onRedisFailure(OnRedisFailure value) {
            onFailure = value;
            return this;
        }

        /**
         * Sets how long after a failure Redis is asked again, which is also the wait
         * {@link OnRedisFailure#FAIL_CLOSED} answers.
         *
         * @param value at least 1 ms; by default 1 s
         * @return this builder
         */
        public Builder retryInterval(Duration value) {
            retryInterval = value;
            return this;
        }

        /**
         * Sets the monotonic clock of this instance, used only by the local fallback and to time the
         * retries: the buckets in Redis run on Redis's clock.
         *
         * @param value nanoseconds like {@link System#nanoTime()}; by default that
         * @return this builder
         */
        public Builder nanoTime(LongSupplier value) {
            nanoTime = value;
            return this;
        }

        /** For the contract's tests only: the buckets in Redis run on this clock (nanoseconds) instead of Redis's. */
        Builder testClock(LongSupplier value) {
            testClock = value;
            return this;
        }

        /** For tests only: the script object, e.g. one that believes a wrong digest is loaded. */
        Builder script(BucketScript value) {
            script = value;
            return this;
        }

        /**
         * Builds a limiter with a client of its own, which {@link RedisRateLimiter#close()} shuts
         * down. It connects on the first request, so it builds while Redis is away. Its client
         * rejects commands at once while disconnected and reconnects in the background.
         *
         * @return the limiter
         * @throws InvalidOptionsException if a setting is missing or out of range
         */
        public RedisRateLimiter build() {
            check();
            RedisURI uri = RedisURI.create(settings.uri());
            uri.setTimeout(settings.commandTimeout());
            RedisClient own = RedisClient.create(uri);
            own.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                    .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build())
                    .build());
            return new RedisRateLimiter(this, own, true, null);
        }

        /**
         * Builds a limiter over a host's client: it opens a connection of its own on the first
         * request, which {@link RedisRateLimiter#close()} closes; the client stays the host's.
         *
         * @param hostClient the host's client, connected to the settings' server
         * @return the limiter
         * @throws InvalidOptionsException if a setting is missing or out of range
         */
        public RedisRateLimiter build(RedisClient hostClient) {
            check();
            if (hostClient == null) {
                throw new InvalidOptionsException("the client is null; pass a RedisClient or call build()");
            }
            return new RedisRateLimiter(this, hostClient, false, null);
        }

        /**
         * Builds a limiter over a host's connection, which it shares and never closes.
         *
         * @param hostConnection the host's connection with String keys and values
         * @return the limiter
         * @throws InvalidOptionsException if a setting is missing or out of range
         */
        public RedisRateLimiter build(StatefulRedisConnection<String, String> hostConnection) {
            check();
            if (hostConnection == null) {
                throw new InvalidOptionsException("the connection is null; pass a connection or call build()");
            }
            return new RedisRateLimiter(this, null, false, hostConnection);
        }

        private void check() {
            if (settings == null || defaultLimit == null || limits == null || onFailure == null || nanoTime == null) {
                throw new InvalidOptionsException("the settings, the default limit, limits, onRedisFailure and nanoTime must be set,"
                        + " got " + settings + ", " + defaultLimit + ", " + limits + ", " + onFailure + " and " + nanoTime
                        + "; pass RedisSettings and a RateLimit to builder(...) and set the others");
            }
            if (retryInterval == null || retryInterval.toMillis() < 1) {
                throw new InvalidOptionsException("retryInterval " + retryInterval + " must be at least 1 ms; set retryInterval");
            }
        }
    }
}
