package dev.chunking.examples.relay.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Opens many WebSocket clients on relay instances with one shared Jetty {@link WebSocketClient}
 * (one {@link HttpClient}, a bounded thread pool): client {@code i} connects to instance
 * {@code i % instances} with that instance's origin, subscribes to operation {@code i % operations}
 * and counts as established once it receives {@code synced}. At most {@code inFlight} clients are
 * between connect and {@code synced} at a time. Thread-safe; close it to close every client.
 *
 * <pre>{@code
 * try (LoadClients clients = new LoadClients(64)) {
 *     clients.open(List.of("http://127.0.0.1:8081"), 100, 10, i -> "op-" + i, 50, Duration.ofSeconds(30));
 *     clients.awaitDone(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class LoadClients implements AutoCloseable {
    private final HttpClient http;
    private final WebSocketClient websockets;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final List<ClientTracker> clients = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger established = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private volatile CountDownLatch settled = new CountDownLatch(0);
    private volatile CountDownLatch done = new CountDownLatch(0);

    /**
     * Starts the shared HTTP and WebSocket client.
     *
     * @param maxThreads the most threads of the client's pool (at least 16)
     * @throws Exception if Jetty's client does not start
     */
    public LoadClients(int maxThreads) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, maxThreads), 8);
        threads.setName("load-client");
        threads.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(100_000);
        http.setMaxRequestsQueuedPerDestination(100_000);
        http.setConnectTimeout(30_000);
        http.start();
        websockets = new WebSocketClient(http);
        websockets.setIdleTimeout(Duration.ofMinutes(10));
        websockets.setMaxTextMessageSize(1 << 20);
        websockets.start();
    }

    /**
     * Sends a request with the shared HTTP client.
     *
     * @param method {@code GET} or {@code POST}
     * @param url the URL
     * @param json the JSON body of a POST, null for none
     * @return the response's status and body
     * @throws IOException if there is no response within 30 s
     * @throws InterruptedException if interrupted while waiting
     */
    public Response request(String method, String url, String json) throws IOException, InterruptedException {
        Request r = http.newRequest(url).method(method).timeout(30, TimeUnit.SECONDS);
        if (json != null) {
            r.body(new StringRequestContent("application/json", json, StandardCharsets.UTF_8));
        }
        try {
            ContentResponse response = r.send();
            return new Response(response.getStatus(), response.getContentAsString());
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " " + url + " failed: " + e, e);
        }
    }

    /**
     * An HTTP response.
     *
     * @param status its status
     * @param body its body
     */
    public record Response(int status, String body) {
    }

    /**
     * Opens the clients and waits until each one received {@code synced} or failed, or the time is up
     * (the clients not yet settled then count as failed).
     *
     * @param instances the instances' base URLs, e.g. {@code http://127.0.0.1:8081}
     * @param count how many clients
     * @param operations how many operations; client {@code i} follows {@code operation.apply(i % operations)}
     * @param operation the id of each operation by number
     * @param inFlight the most clients connecting at once
     * @param timeout how long opening them all may take
     * @throws InterruptedException if interrupted while waiting
     */
    public void open(List<String> instances, int count, int operations, IntFunction<String> operation, int inFlight, Duration timeout)
            throws InterruptedException {
        if (instances.isEmpty() || count < 0 || operations < 1 || inFlight < 1) {
            throw new IllegalArgumentException("open needs instances, count >= 0, operations >= 1, inFlight >= 1");
        }
        settled = new CountDownLatch(count);
        done = new CountDownLatch(count);
        Semaphore permits = new Semaphore(inFlight);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < count; i++) {
            String origin = trimSlash(instances.get(i % instances.size()));
            Settling listener = new Settling(permits);
            ClientTracker client = new ClientTracker(operation.apply(i % operations), latencies, listener);
            clients.add(client);
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                listener.permitTaken = false;
                client.fail("not opened: " + inFlight + " clients still connecting when the time to open them ran out");
                continue;
            }
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setHeader("Origin", origin);
            try {
                websockets.connect(client, URI.create("ws" + origin.substring("http".length()) + "/ws"), request)
                        .whenComplete((session, failure) -> {
                            if (failure != null) {
                                client.fail(failure.toString());
                            }
                        });
            } catch (IOException | RuntimeException e) {
                client.fail(e.toString());
            }
        }
        if (!settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            for (ClientTracker c : snapshot()) {
                c.fail("no synced within " + timeout.toSeconds() + " s of the start of opening");
            }
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Releases a connect permit once, when its client is established or failed. */
    private final class Settling implements ClientTracker.Events {
        private final Semaphore permits;
        private volatile boolean permitTaken = true;
        private final AtomicBoolean once = new AtomicBoolean();

        Settling(Semaphore permits) {
            this.permits = permits;
        }

        private void settle() {
            if (once.compareAndSet(false, true)) {
                if (permitTaken) {
                    permits.release();
                }
                settled.countDown();
            }
        }

        @Override
        public void failed(ClientTracker client, String why) {
            failed.incrementAndGet();
            String key = why.length() > 160 ? why.substring(0, 160) : why;
            if (failures.size() < 20 || failures.containsKey(key)) {
                failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            settle();
            done.countDown();
        }

        @Override
        public void synced(ClientTracker client) {
            established.incrementAndGet();
            settle();
        }

        @Override
        public void done(ClientTracker client) {
            done.countDown();
        }
    }

    /**
     * Waits until every established client saw its operation's last event (or lost its connection).
     *
     * @param timeout the longest wait
     * @return true when all are done, false when the time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the clients that received {@code synced} */
    public int established() {
        return established.get();
    }

    /** @return the clients that failed to connect or to receive {@code synced} */
    public int failed() {
        return failed.get();
    }

    /** @return the first distinct reasons clients failed for, with how many failed for each */
    public Map<String, Integer> failures() {
        Map<String, Integer> copy = new TreeMap<>();
        failures.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    List<ClientTracker> snapshot() {
        synchronized (clients) {
            return List.copyOf(clients);
        }
    }

    LatencyHistogram latencies() {
        return latencies;
    }

    /** Closes every client, then Jetty's client. */
    @Override
    public void close() throws Exception {
        try {
            websockets.stop();
        } finally {
            http.stop();
        }
    }
}
