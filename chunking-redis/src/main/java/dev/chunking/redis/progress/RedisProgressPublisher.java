package dev.chunking.redis.progress;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.RedisSettings;
import dev.chunking.redis.internal.KeySpace;
import dev.chunking.redis.internal.RedactedUri;
import dev.chunking.redis.progress.internal.Clients;
import dev.chunking.redis.progress.internal.ProgressJson;
import dev.chunking.redis.progress.internal.PublishScript;
import dev.chunking.spi.ProgressListener;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProgressListener} that shares every event through Redis. For each event, in one atomic
 * script, it publishes the event's JSON on the operation's channel and on its collection's channel,
 * appends it to the operation's replay stream (capped near {@link RedisSettings#replayEvents()}) and
 * sets the operation's last state; every key it writes lives {@link RedisSettings#runningTtl()}
 * after the last event, or {@link RedisSettings#finishedTtl()} once the event is final.
 *
 * <p>Each event's JSON carries an {@code epoch} chosen by the publisher when it sees a run of an
 * operation start (a {@code STARTED} event, or the first event of an operation it does not know),
 * so a reader tells a restarted operation from lost events.
 *
 * <p>Publishing never slows nor fails chunking: {@link #onEvent} sends the script asynchronously and
 * returns. A command that fails (Redis down, or slower than {@link RedisSettings#commandTimeout()})
 * drops its event: {@link #dropped()} counts them, one warning is logged per outage (not per event;
 * {@link #outages()} counts them), and when Redis answers again the last state of every operation
 * whose event was dropped is written again (the next event of a running operation rewrites it
 * anyway). Thread-safe; close it to release the connection.
 */
public final class RedisProgressPublisher implements ProgressListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisProgressPublisher.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Events in flight above which new ones are dropped rather than queued. */
    private static final int MAX_IN_FLIGHT = 10_000;
    private static final long RECONNECT_ATTEMPT_MILLIS = 1000;

    private final RedisSettings settings;
    private final String server; // the URI without its password: it goes into the log
    private final KeySpace keys;
    private final Clients client;
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean retryPending = new AtomicBoolean(); // a delayed connect() is scheduled
    private final AtomicLong lastConnectAttempt = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicReference<String> sha = new AtomicReference<>();
    private final Map<OperationId, String> epochs = new ConcurrentHashMap<>();
    private final Map<OperationId, Unwritten> unwritten = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    private record Unwritten(String epoch, long sequence, String json, long ttlMillis) {
    }

    private RedisProgressPublisher(RedisSettings settings) {
        this.settings = settings;
        this.server = RedactedUri.of(settings.uri());
        this.keys = new KeySpace(settings.keyPrefix());
        this.client = Clients.create(settings);
        connect();
    }

    /**
     * Creates a publisher and starts connecting; it does not wait for Redis (events sent before it
     * answers are dropped and counted).
     *
     * @param settings the server, the key prefix and the lifetimes
     * @return the publisher
     */
    public static RedisProgressPublisher create(RedisSettings settings) {
        return new RedisProgressPublisher(settings);
    }

    @Override
    public void onEvent(ProgressEvent event) {
        try {
            publish(event);
        } catch (RuntimeException e) {
            failed(event.operation(), null, e);
        }
    }

    private void publish(ProgressEvent event) {
        OperationId op = event.operation();
        String epoch = event.kind() == ProgressEvent.Kind.STARTED
                ? newEpoch(op) : epochs.computeIfAbsent(op, o -> randomEpoch());
        boolean last = event.kind() == ProgressEvent.Kind.COMPLETED || event.kind() == ProgressEvent.Kind.FAILED
                || event.kind() == ProgressEvent.Kind.CANCELLED;
        if (last) {
            epochs.remove(op, epoch);
        }
        long ttl = (last ? settings.finishedTtl() : settings.runningTtl()).toMillis();
        String json = ProgressJson.write(epoch, OperationState.statusAfter(event.kind()).name(), event);
        Unwritten attempt = new Unwritten(epoch, event.sequence(), json, ttl);
        StatefulRedisConnection<String, String> c = connection.get();
        if (c == null) {
            // record the state first: a refused connection can complete at once, and it schedules the
            // next attempt only when something waits to be written
            failed(op, attempt, null);
            connect();
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            failed(op, attempt, null);
            return;
        }
        String[] keyNames = {keys.operationState(op), keys.operationEvents(op)};
        String[] args = {json, Integer.toString(settings.replayEvents()), Long.toString(ttl), keys.operationChannel(op),
            keys.collectionChannel(event.collection())};
        CompletionStage<Object> sent;
        try {
            sent = run(c.async(), PublishScript.PUBLISH, keyNames, args);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            failed(op, attempt, e);
            return;
        }
        sent.whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            if (e == null) {
                succeeded(op, attempt);
            } else {
                failed(op, attempt, e);
            }
        });
    }

    private CompletionStage<Object> run(RedisAsyncCommands<String, String> cmd, String script, String[] keyNames, String[] args) {
        String known = sha.get();
        if (known == null || !script.equals(PublishScript.PUBLISH)) {
            return cmd.eval(script, ScriptOutputType.INTEGER, keyNames, args);
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        cmd.<Object>evalsha(known, ScriptOutputType.INTEGER, keyNames, args).whenComplete((r, e) -> {
            if (e == null) {
                result.complete(r);
            } else if (e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException) {
                sha.compareAndSet(known, null);
                cmd.<Object>eval(script, ScriptOutputType.INTEGER, keyNames, args).whenComplete((r2, e2) -> {
                    if (e2 == null) {
                        sha.compareAndSet(null, known); // EVAL cached the script again
                        result.complete(r2);
                    } else {
                        result.completeExceptionally(e2);
                    }
                });
            } else {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private String newEpoch(OperationId op) {
        String epoch = randomEpoch();
        epochs.put(op, epoch);
        return epoch;
    }

    private static String randomEpoch() {
        byte[] bits = new byte[8];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    private void succeeded(OperationId op, Unwritten attempt) {
        unwritten.computeIfPresent(op, (o, u) -> u.epoch().equals(attempt.epoch()) && u.sequence() <= attempt.sequence() ? null : u);
        recovered();
    }

    private void recovered() {
        if (down.compareAndSet(true, false)) {
            LOG.info("Redis answers again at {}; {} progress events dropped so far, last states rewritten", server,
                    dropped.get());
            rewriteStates();
        }
    }

    private void failed(OperationId op, Unwritten attempt, Throwable cause) {
        dropped.incrementAndGet();
        if (attempt != null) {
            unwritten.merge(op, attempt, (old, now) -> old.epoch().equals(now.epoch()) && old.sequence() > now.sequence() ? old : now);
        }
        if (down.compareAndSet(false, true)) {
            outages.incrementAndGet();
            LOG.warn("Redis at {} does not answer ({}); dropping progress events until it does (chunking goes on)",
                    server, cause == null ? "not connected" : cause.toString());
        }
    }

    private void rewriteStates() {
        StatefulRedisConnection<String, String> c = connection.get();
        if (c == null) {
            return;
        }
        unwritten.forEach((op, u) -> run(c.async(), PublishScript.REWRITE_STATE, new String[] {keys.operationState(op)},
                new String[] {u.json(), Long.toString(u.ttlMillis()), u.epoch(), Long.toString(u.sequence())})
                .whenComplete((r, e) -> {
                    if (e == null) {
                        unwritten.remove(op, u);
                    }
                }));
    }

    private void connect() {
        if (closed.get()) {
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        long before = lastConnectAttempt.get();
        if (now - before < RECONNECT_ATTEMPT_MILLIS) {
            // too soon after the last attempt; if that attempt has already failed before a state was left
            // unwritten (a refused connection fails at once), nothing else would try again
            retryLater(RECONNECT_ATTEMPT_MILLIS - (now - before) + 1);
            return;
        }
        if (!lastConnectAttempt.compareAndSet(before, now) || !connecting.compareAndSet(false, true)) {
            return;
        }
        client.connectAsync()
                .whenComplete((c, e) -> {
                    connecting.set(false);
                    if (e != null) {
                        retryLater(RECONNECT_ATTEMPT_MILLIS + 100);
                        return;
                    }
                    if (closed.get()) {
                        c.closeAsync();
                        return;
                    }
                    c.setTimeout(settings.commandTimeout());
                    c.addListener(new RedisConnectionStateListener() {
                        @Override
                        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                            sha.set(null); // a restarted server lost its scripts: EVAL until loaded again, in order
                            loadScript(c);
                        }
                    });
                    StatefulRedisConnection<String, String> old = connection.getAndSet(c);
                    if (old != null) {
                        old.closeAsync();
                    }
                    loadScript(c);
                });
    }

    /** While states wait to be written, tries to connect again after a delay, without waiting for another event. */
    private void retryLater(long delayMillis) {
        if (!unwritten.isEmpty() && !closed.get() && retryPending.compareAndSet(false, true)) {
            CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS).execute(() -> {
                retryPending.set(false);
                if (connection.get() == null) {
                    connect();
                }
            });
        }
    }

    private void loadScript(StatefulRedisConnection<String, String> c) {
        c.async().scriptLoad(PublishScript.PUBLISH).whenComplete((s, e) -> {
            if (e == null) {
                sha.set(s);
                if (down.get()) {
                    recovered();
                } else if (!unwritten.isEmpty()) {
                    rewriteStates();
                }
            }
        });
    }

    /**
     * Waits until every event handed in so far was written or dropped.
     *
     * @param timeoutMillis how long to wait at most
     * @return true if nothing is in flight any more
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitSent(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** @return how many events were dropped because Redis did not answer in time */
    public long dropped() {
        return dropped.get();
    }

    /** @return how many outages were seen (each logged once) */
    public long outages() {
        return outages.get();
    }

    /** @return true once connected to Redis and the script is loaded, while the connection is up */
    public boolean isConnected() {
        StatefulRedisConnection<String, String> c = connection.get();
        return c != null && c.isOpen() && sha.get() != null;
    }

    /** @return true while the last command failed and no later one succeeded */
    public boolean isDown() {
        return down.get();
    }

    /** Waits up to two seconds for events in flight, then closes the connection; later events are dropped. */
    @Override
    public void close() {
        closed.set(true);
        try {
            awaitSent(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatefulRedisConnection<String, String> c = connection.getAndSet(null);
        if (c != null) {
            c.close();
        }
        client.close();
    }
}
