package dev.chunking.redis.ratelimit;

import dev.chunking.domain.RateLimit;
import dev.chunking.redis.RedisSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One instance of {@link ThreeInstancesAccuracyIT}, run in a JVM of its own: connects with a client
 * of its own, prints {@code READY}, reads the wall-clock millisecond to start at from its input,
 * then hammers one key from several threads (sleeping each wait it is told) for the given time and
 * prints {@code GRANTED <permits> FIRST <µs> LAST <µs> ...}, the wall-clock microseconds of its first and
 * last grant, then {@code TIMES <µs>,<µs>,...}, those of every grant.
 */
public final class AccuracyInstance {
    private AccuracyInstance() {
    }

    /**
     * Runs the instance.
     *
     * @param args the Redis URI, the key prefix, the key, the rate, the burst, the permits per
     *     request, the duration in ms and the number of threads
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        RedisSettings settings = RedisSettings.builder(args[0]).keyPrefix(args[1]).build();
        String key = args[2];
        RateLimit limit = RateLimit.perSecond(Double.parseDouble(args[3]), Long.parseLong(args[4]));
        long permits = Long.parseLong(args[5]);
        long durationMs = Long.parseLong(args[6]);
        int threads = Integer.parseInt(args[7]);
        try (RedisRateLimiter limiter = RedisRateLimiter.builder(settings, limit).onRedisFailure(OnRedisFailure.FAIL_CLOSED).build()) {
            for (int i = 0; i < 200; i++) {
                limiter.tryAcquire("warm-up", 1); // connect, load the script, compile the hot path
            }
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long start = Long.parseLong(in.readLine().trim());
            long end = start + durationMs;
            AtomicLong granted = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong first = new AtomicLong(Long.MAX_VALUE);
            AtomicLong last = new AtomicLong(Long.MIN_VALUE);
            ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    waitUntil(start);
                    while (System.currentTimeMillis() < end) {
                        Duration wait = limiter.tryAcquire(key, permits);
                        if (wait.isZero()) {
                            long micros = micros();
                            granted.addAndGet(permits);
                            first.accumulateAndGet(micros, Math::min);
                            last.accumulateAndGet(micros, Math::max);
                            times.add(micros);
                        } else {
                            refused.incrementAndGet();
                            LockSupport.parkNanos(Math.min(wait.toNanos(), Duration.ofMillis(end - System.currentTimeMillis() + 1).toNanos()));
                        }
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            System.out.println("GRANTED " + granted.get() + " FIRST " + first.get() + " LAST " + last.get() + " REFUSED " + refused.get()
                    + " AWAY " + limiter.outages());
            StringBuilder line = new StringBuilder("TIMES ");
            for (Long micros : times) {
                line.append(micros).append(',');
            }
            System.out.println(line);
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static void waitUntil(long epochMillis) {
        for (long left = epochMillis - System.currentTimeMillis(); left > 0; left = epochMillis - System.currentTimeMillis()) {
            LockSupport.parkNanos(Duration.ofMillis(left).toNanos());
        }
    }
}
