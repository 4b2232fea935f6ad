package dev.chunking.examples.relay.hub;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.redis.progress.OperationState;
import dev.chunking.redis.progress.ProgressSubscriber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays operations to the clients of one instance. It is the handler of a
 * {@link ProgressSubscriber} subscription to the relay's collection, so it hears the events of
 * every operation it hears of, from whichever instance runs it, once and in order (or a state in
 * place of events the subscriber could not replay); it keeps the recent events
 * of each operation, and brings each client that follows an operation up to date: the events it
 * missed since the position it names, or a state when they are no longer held, then each new event.
 * Per client and operation it remembers the last event sent, so a client is never sent an event
 * twice, out of order, or past a gap without a state that says so.
 *
 * <p>An operation a client names that the hub has not heard of (a client that comes back after
 * this instance started) is read from Redis: its state and its replay stream.
 *
 * <p>Thread-safe: every method hands its work to the hub's own thread and returns; messages go out
 * through {@link Client#send}, which never blocks. Close it to stop that thread.
 */
public final class Hub implements ProgressSubscriber.Handler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    /** Reads of an operation from Redis before its clients are told it is unavailable. */
    private static final int READ_ATTEMPTS = 3;
    /** Reads from Redis one client may wait for at once. */
    static final int MAX_PENDING_READS = 1000;

    /** Where the hub reads an operation it has not heard of. */
    public interface History {
        /**
         * @param operation the operation
         * @return its last state, empty when unknown
         */
        Optional<OperationState> state(OperationId operation);

        /**
         * @param operation the operation
         * @return the events still held for it, by run then sequence
         */
        List<OperationState> replay(OperationId operation);
    }

    /** What the hub keeps of one client. */
    private static final class Follower {
        Selection selection = new Selection(false, Set.of(), Map.of());
        final Map<OperationId, Position> cursors = new HashMap<>();
        int pendingReads;
        /** What the answer to the last subscribe may still send, reads from Redis included. */
        Budget budget = Budget.UNLIMITED;
    }

    private final History history;
    private final int eventsPerOperation;
    private final int maxOperations;
    private final int resumeBudget;
    private final ExecutorService loop;
    private final ExecutorService reader;
    private final LinkedHashMap<OperationId, OperationLog> logs = new LinkedHashMap<>();
    private final Map<Client, Follower> clients = new HashMap<>();
    private final Set<Client> followAll = new HashSet<>();
    private final Map<OperationId, Set<Client>> followersOf = new HashMap<>();
    private final Map<OperationId, List<Client>> reading = new HashMap<>();
    private volatile int connected;

    /**
     * Makes a hub.
     *
     * @param history where operations the hub has not heard of are read
     * @param eventsPerOperation the most events held per operation for clients that come back
     * @param maxOperations the most operations held; the oldest finished ones are forgotten first
     * @param resumeBudget the most events sent in answer to one subscribe; past it, each further
     *     operation is answered with one state (keep it well below the clients' send queue limit)
     */
    public Hub(History history, int eventsPerOperation, int maxOperations, int resumeBudget) {
        this.history = history;
        this.eventsPerOperation = eventsPerOperation;
        this.maxOperations = maxOperations;
        this.resumeBudget = resumeBudget;
        this.loop = Executors.newSingleThreadExecutor(r -> daemon(r, "relay-hub"));
        this.reader = Executors.newSingleThreadExecutor(r -> daemon(r, "relay-hub-history"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void onState(OperationState state) {
        loop.execute(() -> {
            OperationLog log = log(state.operation());
            if (log.reset(state)) {
                fanOut(log);
            }
        });
    }

    /**
     * Not used: the subscriber hands every event with its epoch ({@link #onEvent(String, ProgressEvent)}).
     *
     * @param event the event
     * @throws UnsupportedOperationException always
     */
    @Override
    public void onEvent(ProgressEvent event) {
        throw new UnsupportedOperationException("the hub needs each event's epoch: call onEvent(epoch, event)");
    }

    @Override
    public void onEvent(String epoch, ProgressEvent event) {
        loop.execute(() -> {
            OperationLog log = log(event.operation());
            if (log.add(epoch, event)) {
                fanOut(log);
            }
        });
    }

    /**
     * Registers a new connection; it follows nothing until it subscribes.
     *
     * @param client the connection
     */
    public void connect(Client client) {
        loop.execute(() -> {
            clients.put(client, new Follower());
            connected = clients.size();
        });
    }

    /**
     * Sets what a client follows and brings it up to date from the positions it names, then sends
     * {@code synced}; replaces the client's previous subscription.
     *
     * @param client a connected client
     * @param selection what it follows and where it stands
     */
    public void subscribe(Client client, Selection selection) {
        loop.execute(() -> {
            Follower f = clients.get(client);
            if (f == null) {
                return; // gone meanwhile
            }
            unindex(client, f);
            f.selection = selection;
            f.cursors.clear();
            f.cursors.putAll(selection.seen());
            index(client, f);
            f.budget = new Budget(resumeBudget);
            for (OperationLog log : logs.values()) {
                if (selection.follows(log.operation())) {
                    f.cursors.put(log.operation(), log.bringUp(client, f.cursors.get(log.operation()), f.budget));
                }
            }
            Set<OperationId> unknown = new HashSet<>(selection.operations());
            unknown.addAll(selection.seen().keySet());
            unknown.removeAll(logs.keySet());
            List<OperationId> toRead = new ArrayList<>();
            for (OperationId op : unknown) {
                if (f.pendingReads + toRead.size() < MAX_PENDING_READS) {
                    toRead.add(op);
                } else {
                    client.send(Messages.unavailable(op)); // a client naming thousands of unknown ids waits for no read
                }
            }
            f.pendingReads += toRead.size();
            if (f.pendingReads == 0) {
                client.send(Messages.SYNCED);
            }
            toRead.forEach(op -> read(op, client));
        });
    }

    /**
     * Forgets a connection.
     *
     * @param client the connection
     */
    public void disconnect(Client client) {
        loop.execute(() -> {
            Follower f = clients.remove(client);
            if (f != null) {
                unindex(client, f);
            }
            connected = clients.size();
        });
    }

    /**
     * Waits until the hub has handled everything handed to it so far (the reads from Redis it
     * started may still be running); for tests.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void drain() throws InterruptedException {
        try {
            loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the hub did not drain", e);
        }
    }

    /**
     * Counts the index entries of followers (per operation and of every operation); for tests
     * that show a gone client leaves none behind. Call on a drained hub.
     *
     * @return the entries
     */
    int indexEntries() throws InterruptedException {
        try {
            return loop.submit(() -> followAll.size() + followersOf.values().stream().mapToInt(Set::size).sum()).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the hub did not answer", e);
        }
    }

    /** @return the connections registered */
    public int connections() {
        return connected;
    }

    private void index(Client client, Follower f) {
        if (f.selection.all()) {
            followAll.add(client);
        }
        Set<OperationId> named = new HashSet<>(f.selection.operations());
        named.addAll(f.selection.seen().keySet());
        for (OperationId op : named) {
            followersOf.computeIfAbsent(op, k -> new HashSet<>()).add(client);
        }
    }

    /** Undoes {@link #index}: the same operations, so nothing of a gone client stays behind. */
    private void unindex(Client client, Follower f) {
        followAll.remove(client);
        f.selection.operations().forEach(op -> removeFollower(op, client));
        f.selection.seen().keySet().forEach(op -> removeFollower(op, client));
    }

    private void removeFollower(OperationId op, Client client) {
        Set<Client> set = followersOf.get(op);
        if (set != null && set.remove(client) && set.isEmpty()) {
            followersOf.remove(op);
        }
    }

    private OperationLog log(OperationId op) {
        OperationLog log = logs.get(op);
        if (log == null) {
            log = new OperationLog(op, eventsPerOperation);
            logs.put(op, log);
            forgetOldest();
        }
        return log;
    }

    /** Brings every follower of the operation up to its log: a live change is one message each. */
    private void fanOut(OperationLog log) {
        fanOut(log, false);
    }

    /**
     * Brings every follower of the operation up to its log.
     *
     * @param budgeted whether each follower's answer is bounded by the resume budget (a log read
     *     from Redis may hold many events a returning client missed)
     */
    private void fanOut(OperationLog log, boolean budgeted) {
        OperationId op = log.operation();
        for (Client c : followAll) {
            bringUp(c, log, budgeted);
        }
        Set<Client> named = followersOf.get(op);
        if (named != null) {
            for (Client c : named) {
                if (!followAll.contains(c)) {
                    bringUp(c, log, budgeted);
                }
            }
        }
    }

    private void bringUp(Client client, OperationLog log, boolean budgeted) {
        Follower f = clients.get(client);
        if (f != null) {
            f.cursors.put(log.operation(), log.bringUp(client, f.cursors.get(log.operation()), budgeted ? f.budget : Budget.UNLIMITED));
        }
    }

    /** Keeps at most {@code maxOperations} logs, forgetting finished ones, oldest first. */
    private void forgetOldest() {
        for (Iterator<OperationLog> it = logs.values().iterator(); logs.size() > maxOperations && it.hasNext(); ) {
            OperationLog old = it.next();
            if (old.finished()) {
                it.remove();
                for (Client c : followAll) {
                    clients.get(c).cursors.remove(old.operation());
                }
            }
        }
    }

    /** Reads an operation the hub has not heard of, off the hub's thread, then adopts it. */
    private void read(OperationId op, Client waiting) {
        List<Client> waiters = reading.get(op);
        if (waiters != null) {
            waiters.add(waiting);
            return;
        }
        waiters = new ArrayList<>();
        waiters.add(waiting);
        reading.put(op, waiters);
        reader.execute(() -> {
            RuntimeException failure = null;
            for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
                try {
                    Optional<OperationState> state = history.state(op);
                    List<OperationState> replay = state.isPresent() ? history.replay(op) : List.of();
                    afterRead(() -> adopt(op, state, replay, true));
                    return;
                } catch (RuntimeException e) {
                    failure = e;
                    pause(attempt);
                }
            }
            LOG.warn("could not read operation {} from Redis for a client that named it: {}", op, failure.toString());
            afterRead(() -> adopt(op, Optional.empty(), List.of(), false));
        });
    }

    private void afterRead(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("hub closed while reading from Redis");
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes an operation read from Redis, then tells each client that waited for it: with
     * {@code synced} once all its reads are done, and first, when Redis could not be read,
     * with an {@code unavailable} message naming the operation, so it is never left short silently.
     */
    private void adopt(OperationId op, Optional<OperationState> state, List<OperationState> replay, boolean read) {
        List<Client> waiters = reading.remove(op);
        if (state.isPresent() && !logs.containsKey(op)) {
            OperationLog log = log(op);
            fill(log, state.get(), replay);
            fanOut(log, true);
        }
        for (Client c : waiters) {
            Follower f = clients.get(c);
            if (f == null) {
                continue;
            }
            if (!read) {
                c.send(Messages.unavailable(op));
            }
            if (--f.pendingReads == 0) {
                c.send(Messages.SYNCED);
            }
        }
    }

    /** Fills a new log with the longest run of held events that ends at the state, else the state. */
    private static void fill(OperationLog log, OperationState state, List<OperationState> replay) {
        List<OperationState> tail = new ArrayList<>();
        long next = state.sequence();
        for (int i = replay.size() - 1; i >= 0; i--) {
            OperationState e = replay.get(i);
            if (e.epoch().equals(state.epoch()) && e.sequence() == next) {
                tail.add(0, e);
                next--;
            }
        }
        if (tail.isEmpty()) {
            log.reset(state);
            return;
        }
        if (!OperationLog.startsRun(tail.get(0).lastEvent())) {
            log.reset(tail.get(0));
            tail.remove(0);
        }
        for (OperationState e : tail) {
            log.add(e.epoch(), e.lastEvent());
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
        loop.shutdownNow();
        try {
            reader.awaitTermination(2, TimeUnit.SECONDS);
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
