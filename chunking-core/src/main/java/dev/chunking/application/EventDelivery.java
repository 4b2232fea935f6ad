package dev.chunking.application;

import dev.chunking.domain.ProgressEvent;
import dev.chunking.spi.ProgressListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Delivers progress events to listeners on one daemon thread of its own, so a slow listener
 * delays only later events and never the chunking, and a listener that throws is counted and
 * logged once per operation. Events of one operation arrive in the order they were sent.
 * Thread-safe.
 */
final class EventDelivery implements AutoCloseable {
    /** How far a listener may fall behind before progress events are no longer made for it. */
    static final int MAX_BACKLOG = 1024;

    private static final System.Logger LOG = System.getLogger(EventDelivery.class.getName());

    private final Object lock = new Object();
    private ExecutorService thread;
    private boolean closed;

    void send(Operation operation, ProgressListener listener, ProgressEvent event) {
        if (listener == ProgressListener.NONE) {
            return;
        }
        operation.backlog().incrementAndGet();
        try {
            executor().execute(() -> deliver(operation, listener, event));
        } catch (RejectedExecutionException e) {
            operation.backlog().decrementAndGet(); // the service was closed: nobody listens any more
        }
    }

    private static void deliver(Operation operation, ProgressListener listener, ProgressEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            if (operation.listenerFailureCount().getAndIncrement() == 0) {
                LOG.log(System.Logger.Level.WARNING, "the progress listener of operation " + operation.id() + " threw on a "
                        + event.kind() + " event; chunking goes on, and later failures of this listener are only counted", e);
            }
        } finally {
            operation.backlog().decrementAndGet();
        }
    }

    private ExecutorService executor() {
        synchronized (lock) {
            if (thread == null) {
                thread = Executors.newSingleThreadExecutor(task -> {
                    Thread t = new Thread(task, "chunking-events");
                    t.setDaemon(true);
                    return t;
                });
                if (closed) {
                    thread.shutdown();
                }
            }
            return thread;
        }
    }

    /** Delivers what was sent, then stops the thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (thread != null) {
                thread.shutdown();
            }
        }
    }
}
