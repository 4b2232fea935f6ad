package dev.chunking.streaming.operation;

import dev.chunking.domain.OperationId;
import dev.chunking.domain.OperationStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A submitted chunking operation: its id, its status, a way to cancel it, and its outcome.
 * Thread-safe: any thread may read the status or cancel.
 *
 * <p>Cancellation is cooperative: a running operation stops after the buffer it is chunking
 * (see {@link OperationOptions#bufferSize()}), saves a checkpoint when it has a checkpoint store
 * and its strategy can resume, and reports {@code CANCELLED}; a pending one is cancelled at once.
 */
public final class Operation {
    private final OperationRequest request;
    private final AtomicReference<OperationStatus> status = new AtomicReference<>(OperationStatus.PENDING);
    private final CompletableFuture<OperationResult> completion = new CompletableFuture<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final EventDelivery.Mailbox mailbox = new EventDelivery.Mailbox();
    private final Consumer<Operation> cancelPending;
    private volatile boolean cancelRequested;

    Operation(OperationRequest request, Consumer<Operation> cancelPending) {
        this.request = request;
        this.cancelPending = cancelPending;
    }

    /**
     * The operation's id.
     *
     * @return the id
     */
    public OperationId id() {
        return request.id();
    }

    /**
     * What was asked.
     *
     * @return the request
     */
    public OperationRequest request() {
        return request;
    }

    /**
     * Where the operation stands now.
     *
     * @return the status
     */
    public OperationStatus status() {
        return status.get();
    }

    /**
     * Asks the operation to stop. A pending operation is cancelled at once; a running one stops
     * within one buffer of input; a finished one is left as it is.
     *
     * @return false when the operation had already finished
     */
    public boolean cancel() {
        cancelRequested = true;
        OperationStatus now = status.get();
        if (now == OperationStatus.PENDING) {
            cancelPending.accept(this);
        }
        return !now.isTerminal();
    }

    /**
     * Completes with the outcome when the operation reaches a final status. Events may still be
     * on their way to the listener then: they are delivered on the service's delivery threads.
     *
     * @return a future of the result, never completed exceptionally by the operation (a failure is a result)
     */
    public CompletableFuture<OperationResult> completion() {
        return completion.copy();
    }

    /**
     * How many times the listener threw.
     *
     * @return the count
     */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Moves to {@code target} if the current status allows it; throws IllegalTransitionException otherwise. */
    void moveTo(OperationStatus target) {
        status.getAndUpdate(current -> current.moveTo(target));
    }

    /** Moves to {@code target} only from {@code expected}; false when the status was something else. */
    boolean moveFrom(OperationStatus expected, OperationStatus target) {
        expected.moveTo(target);
        return status.compareAndSet(expected, target);
    }

    void complete(OperationResult result) {
        completion.complete(result);
    }

    AtomicLong listenerFailureCount() {
        return listenerFailures;
    }

    AtomicLong backlog() {
        return backlog;
    }

    EventDelivery.Mailbox mailbox() {
        return mailbox;
    }
}
