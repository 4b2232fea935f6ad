package dev.chunking.streaming.operation;

import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.ProgressListener;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers progress events to listeners on daemon threads of its own, never on the thread that
 * chunks: each operation has its own queue, drained by one task at a time, so its events arrive
 * in order, a slow or stuck listener delays only its own operation's later events, and a
 * listener that throws is counted and logged once per operation. Thread-safe.
 */
final class EventDelivery implements AutoCloseable {
    /** How far a listener may fall behind before progress events are no longer made for it. */
    static final int MAX_BACKLOG = 1024;

    /** The logger used when the host names none. */
    static final System.Logger DEFAULT_LOGGER = System.getLogger(EventDelivery.class.getName());

    private final System.Logger log;
    private final Object lock = new Object();
    private ExecutorService threads;
    private boolean closed;

    /** The events of one operation waiting for its listener, and whether a task is draining them. */
    static final class Mailbox {
        private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
    }

    /** @param log where a throwing listener is reported, once per operation */
    EventDelivery(System.Logger log) {
        this.log = log;
    }

    void send(Operation operation, ProgressListener listener, ProgressEvent event) {
        if (listener == ProgressListener.NONE) {
            return;
        }
        operation.backlog().incrementAndGet();
        Mailbox mailbox = operation.mailbox();
        mailbox.events.add(() -> deliver(operation, listener, event, log));
        schedule(operation, mailbox);
    }

    private void schedule(Operation operation, Mailbox mailbox) {
        if (!mailbox.draining.compareAndSet(false, true)) {
            return; // the task draining the mailbox will see the event
        }
        try {
            executor().execute(() -> drain(operation, mailbox));
        } catch (RejectedExecutionException e) {
            // only after close(), which the service calls once no operation runs: nobody is listening any more
            for (Runnable dropped = mailbox.events.poll(); dropped != null; dropped = mailbox.events.poll()) {
                operation.backlog().decrementAndGet();
            }
            mailbox.draining.set(false);
        }
    }

    private void drain(Operation operation, Mailbox mailbox) {
        for (Runnable next = mailbox.events.poll(); next != null; next = mailbox.events.poll()) {
            next.run();
        }
        mailbox.draining.set(false);
        if (!mailbox.events.isEmpty()) {
            schedule(operation, mailbox); // an event came in after the last poll
        }
    }

    private static void deliver(Operation operation, ProgressListener listener, ProgressEvent event, System.Logger log) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            if (operation.listenerFailureCount().getAndIncrement() == 0) {
                log.log(System.Logger.Level.WARNING, "the progress listener of operation " + operation.id() + " threw on a "
                        + event.kind() + " event; chunking goes on, and later failures of this listener are only counted", e);
            }
        } finally {
            operation.backlog().decrementAndGet();
        }
    }

    private ExecutorService executor() {
        synchronized (lock) {
            if (threads == null) {
                threads = Executors.newCachedThreadPool(task -> {
                    Thread t = new Thread(task, "chunking-events");
                    t.setDaemon(true);
                    return t;
                });
                if (closed) {
                    threads.shutdown();
                }
            }
            return threads;
        }
    }

    /** Delivers what was sent, then lets the threads end. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (threads != null) {
                threads.shutdown();
            }
        }
    }
}
