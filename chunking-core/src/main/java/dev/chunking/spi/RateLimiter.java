package dev.chunking.spi;

import dev.chunking.domain.InvalidOptionsException;
import java.time.Duration;

/**
 * Hands out permits per key at a limited rate (the {@code RateLimiter} port): a permit is taken
 * now, or the caller learns how long to wait before asking again. Operations ask it for the
 * bytes they read, keyed by collection, so a host can cap the read rate of a collection in one
 * process or, with a shared implementation, across instances. Implementations are thread-safe.
 */
@FunctionalInterface
public interface RateLimiter {
    /** A limiter that grants every request at once. */
    RateLimiter UNLIMITED = (key, permits) -> Duration.ZERO;

    /**
     * Takes {@code permits} permits for {@code key} if they are available now.
     *
     * @param key what the permits are for, e.g. {@code bytes:manuals}
     * @param permits how many, at least 1
     * @return {@link Duration#ZERO} when the permits were taken; otherwise how long to wait before
     *     asking again, with nothing taken
     */
    Duration tryAcquire(String key, long permits);

    /**
     * Checks the arguments of {@link #tryAcquire}, so that every implementation refuses the same
     * requests with the same messages.
     *
     * @param key must not be null or blank
     * @param permits must be at least 1
     * @throws InvalidOptionsException naming the value and the limit otherwise
     */
    static void checkRequest(String key, long permits) {
        if (key == null || key.isBlank()) {
            throw new InvalidOptionsException("rate limiter key " + (key == null ? "null" : "'" + key + "'")
                    + " is null or blank; pass a key such as bytes:<collection>");
        }
        if (permits < 1) {
            throw new InvalidOptionsException(permits + " permits asked for key '" + key + "', below the minimum of 1;"
                    + " ask for at least 1 permit");
        }
    }
}
