package dev.chunking.redis.ratelimit.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lua script that takes permits from one token bucket atomically, kept as GCRA keeps it: a
 * hash with the time of its last grant {@code t} and the nanoseconds {@code d} until it is full
 * again as of {@code t}. It reads the time from Redis ({@code TIME}, in microseconds, exact as a Lua
 * number) so that no instance's clock counts; it writes nothing when it refuses, and after a grant
 * it sets the key to expire when the bucket is full again ({@code PEXPIRE}), since a missing key is
 * a full bucket. Loaded once ({@code SCRIPT LOAD}) and run by digest ({@code EVALSHA}), falling back
 * to {@code EVAL} when the server answers {@code NOSCRIPT} (e.g. after a restart or a failover), and
 * loading it again on the next run. Thread-safe.
 */
public final class BucketScript {
    /**
     * The script. KEYS[1] the bucket; ARGV[1] the request's cost and ARGV[2] the allowance (the
     * debt left at which it is still granted), in nanoseconds; ARGV[3] milliseconds added to the
     * lifetime; ARGV[4], only in tests, the time in nanoseconds instead of Redis's. Answers 0 when
     * granted, else the nanoseconds to wait.
     */
    public static final String SOURCE = """
            local cost = tonumber(ARGV[1])
            local allowance = tonumber(ARGV[2])
            local slack = tonumber(ARGV[3])
            local now, unit
            if ARGV[4] then
              now = tonumber(ARGV[4])
              unit = 1
            else
              local time = redis.call('TIME')
              now = tonumber(time[1]) * 1000000 + tonumber(time[2])
              unit = 1000
            end
            local state = redis.call('HMGET', KEYS[1], 't', 'd')
            local last = tonumber(state[1])
            local debt = 0
            if last then
              if now < last then now = last end
              debt = tonumber(state[2]) - (now - last) * unit
            end
            if debt > allowance then
              return debt - allowance
            end
            if debt < 0 then debt = 0 end
            local full = debt + cost
            redis.call('HSET', KEYS[1], 't', string.format('%.0f', now), 'd', string.format('%.0f', full))
            redis.call('PEXPIRE', KEYS[1], math.ceil(full / 1000000) + slack)
            return 0
            """;

    private volatile String digest;
    private final AtomicInteger evals = new AtomicInteger();

    /** A script not loaded yet: the first run loads it. */
    public BucketScript() {
        this(null);
    }

    /**
     * A script believed loaded under {@code digest}: if the server does not know it, the run falls
     * back to {@code EVAL}.
     *
     * @param digest the SHA-1 to try first, or null to load the script first
     */
    public BucketScript(String digest) {
        this.digest = digest;
    }

    /**
     * Runs the script once.
     *
     * @param connection the connection
     * @param key the bucket's key
     * @param args the script's ARGV
     * @param timeoutNanos how long each command may take
     * @return 0 when granted, else the nanoseconds to wait
     * @throws ExecutionException when Redis answered with an error or the connection failed
     * @throws TimeoutException when a command took longer than the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public long run(StatefulRedisConnection<String, String> connection, String key, String[] args, long timeoutNanos)
            throws ExecutionException, TimeoutException, InterruptedException {
        String[] keys = {key};
        String sha = digest;
        if (sha == null) {
            sha = await(connection.async().scriptLoad(SOURCE), timeoutNanos);
            digest = sha;
        }
        try {
            Long answer = await(connection.async().evalsha(sha, ScriptOutputType.INTEGER, keys, args), timeoutNanos);
            return answer;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            evals.incrementAndGet();
            Long answer = await(connection.async().eval(SOURCE, ScriptOutputType.INTEGER, keys, args), timeoutNanos);
            digest = null; // the next run loads it again and learns its digest from the server
            return answer;
        }
    }

    /**
     * How many times the server did not know the script and it was sent whole.
     *
     * @return the number of fallbacks to {@code EVAL}
     */
    public int evals() {
        return evals.get();
    }

    private static <T> T await(RedisFuture<T> future, long timeoutNanos)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(false);
            throw e;
        }
    }
}
