package dev.chunking.streaming.operation;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ResumeUnsupportedException;
import dev.chunking.spi.RateLimiter;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Runs chunking operations for a host application: each {@link #submit submitted} operation
 * streams its source through its strategy into its sink on a shared executor, takes
 * checkpoints, reports numbered progress events, and can be cancelled. At most
 * {@code maxConcurrent} operations run at once; the others wait, in order, as {@code PENDING},
 * and at most {@code maxQueued} may wait, so a host cannot exhaust memory by starting thousands.
 *
 * <pre>{@code
 * try (ChunkingOperations operations = ChunkingOperations.builder().maxConcurrent(4).build()) {
 *     Operation op = operations.submit(OperationRequest.builder(collection, document, chunking, source, sink)
 *             .listener(event -> log(event)).build());
 *     op.cancel();                      // from any thread
 *     OperationResult result = op.completion().join();
 * }
 * }</pre>
 *
 * <p>Wired only to ports: the source, sink, checkpoint store and listener come with each
 * request, time from an injected {@link Clock} (event timestamps) and nanosecond supplier
 * (throughput, throttling). Thread-safe.
 */
public final class ChunkingOperations implements AutoCloseable {
    private final Executor executor;
    private final ExecutorService ownExecutor; // null when the host supplied the executor
    private final int maxConcurrent;
    private final int maxQueued;
    private final RunEnvironment environment;
    private final EventDelivery delivery;
    private final ArrayDeque<Operation> waiting = new ArrayDeque<>();
    private int running; // slots taken by submitted operations
    private int active; // submitted operations holding a slot, and runs in callers' threads
    private boolean closed;

    private ChunkingOperations(Builder b) {
        this.maxConcurrent = b.maxConcurrent;
        this.maxQueued = b.maxQueued;
        this.delivery = new EventDelivery(b.logger);
        this.environment = new RunEnvironment(delivery, b.clock, b.nanoTime, b.rateLimiter, b.sleeper);
        if (b.executor == null) {
            this.ownExecutor = Executors.newFixedThreadPool(b.maxConcurrent, task -> {
                Thread t = new Thread(task, "chunking-operation");
                t.setDaemon(true);
                return t;
            });
            this.executor = ownExecutor;
        } else {
            this.ownExecutor = null;
            this.executor = b.executor;
        }
    }

    /**
     * A builder with the defaults: as many concurrent operations as processors, 10,000 waiting,
     * an executor of its own, the system clock.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Accepts an operation: it starts at once when fewer than {@code maxConcurrent} run,
     * otherwise it waits as {@code PENDING}.
     *
     * @param request what to run
     * @return the operation, to follow and cancel
     * @throws ResumeUnsupportedException if the request has a checkpoint store but its strategy cannot resume
     * @throws QueueFullException if {@code maxQueued} operations already wait
     * @throws ServiceClosedException if the service was closed
     */
    public Operation submit(OperationRequest request) {
        check(request);
        Operation operation = new Operation(request, this::cancelWaiting);
        synchronized (waiting) {
            if (closed) {
                throw new ServiceClosedException("the operation service is closed; submit to an open one");
            }
            if (running < maxConcurrent) {
                running++;
                active++;
            } else if (waiting.size() >= maxQueued) {
                throw new QueueFullException(waiting.size() + " operations already wait, the limit of maxQueued; raise maxQueued or"
                        + " submit when some have finished");
            } else {
                waiting.add(operation);
                return operation;
            }
        }
        start(operation);
        return operation;
    }

    /**
     * Runs an operation in the calling thread, outside the concurrency limit, and returns how it
     * ended. Events still go to the listener on the service's delivery threads.
     *
     * @param request what to run
     * @return the result; a failure is a {@code FAILED} result, not an exception
     * @throws ResumeUnsupportedException if the request has a checkpoint store but its strategy cannot resume
     * @throws ServiceClosedException if the service was closed
     */
    public OperationResult run(OperationRequest request) {
        check(request);
        Operation operation = new Operation(request, op -> { });
        synchronized (waiting) {
            if (closed) {
                throw new ServiceClosedException("the operation service is closed; run on an open one");
            }
            active++;
        }
        try {
            operation.moveTo(OperationStatus.RUNNING);
            OperationResult result = new OperationRun(operation, environment, Long.MAX_VALUE, Long.MAX_VALUE).run();
            operation.complete(result);
            return result;
        } finally {
            ended();
        }
    }

    private static void check(OperationRequest request) {
        if (request.checkpoints().isPresent() && !request.chunking().strategy().resumable()) {
            throw new ResumeUnsupportedException("strategy '" + request.chunking().strategy().name() + "' cannot resume from a checkpoint;"
                    + " submit it without a checkpoint store");
        }
    }

    /** Starts {@code first} in a slot already taken, then whatever takes the slot over when it cannot start. */
    private void start(Operation first) {
        for (Operation operation = first; operation != null; operation = handOver()) {
            if (!operation.moveFrom(OperationStatus.PENDING, OperationStatus.RUNNING)) {
                continue; // cancelled while it waited for the slot: the slot passes on
            }
            Operation running = operation;
            try {
                executor.execute(() -> {
                    try {
                        running.complete(new OperationRun(running, environment, Long.MAX_VALUE, Long.MAX_VALUE).run());
                    } finally {
                        start(handOver());
                    }
                });
                return;
            } catch (RuntimeException e) { // the host's executor refused the task: the operation fails, the slot passes on
                running.moveTo(OperationStatus.FAILED);
                running.complete(OperationRun.endBeforeStart(running, environment, OperationStatus.FAILED, Optional.of(e)));
            }
        }
    }

    /** A slot was freed: the next waiting operation takes it, or null when none waits. */
    private Operation handOver() {
        synchronized (waiting) {
            Operation next = waiting.poll();
            if (next == null) {
                running--;
                active--;
                closeDeliveryWhenIdle();
            }
            return next;
        }
    }

    private void ended() {
        synchronized (waiting) {
            active--;
            closeDeliveryWhenIdle();
        }
    }

    /** Called with the lock held: once closed and nothing runs, no event is sent any more. */
    private void closeDeliveryWhenIdle() {
        if (closed && active == 0) {
            delivery.close();
        }
    }

    private void cancelWaiting(Operation operation) {
        synchronized (waiting) {
            waiting.remove(operation); // it may have just been handed a slot: then start() finds it cancelled and passes the slot on
            if (!operation.moveFrom(OperationStatus.PENDING, OperationStatus.CANCELLED)) {
                return; // already running: it sees the request after its current buffer
            }
        }
        operation.complete(OperationRun.endBeforeStart(operation, environment, OperationStatus.CANCELLED, Optional.empty()));
    }

    /**
     * Stops accepting operations, cancels those still waiting, and lets running ones finish;
     * shuts down the executor if the service created it.
     */
    @Override
    public void close() {
        List<Operation> cancelled;
        synchronized (waiting) {
            closed = true;
            cancelled = new ArrayList<>(waiting);
        }
        cancelled.forEach(Operation::cancel);
        synchronized (waiting) {
            closeDeliveryWhenIdle(); // otherwise the last operation to end closes it, after its final event
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** Builds {@link ChunkingOperations}; not thread-safe. */
    public static final class Builder {
        private Executor executor;
        private int maxConcurrent = Runtime.getRuntime().availableProcessors();
        private int maxQueued = 10_000;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private System.Logger logger = EventDelivery.DEFAULT_LOGGER;
        private RateLimiter rateLimiter = RateLimiter.UNLIMITED;
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {
        }

        /**
         * Runs operations on the host's executor instead of one of the service's own.
         *
         * @param value the executor; the service never shuts it down
         * @return this builder
         */
        public Builder executor(Executor value) {
            executor = value;
            return this;
        }

        /**
         * Sets how many operations may run at once.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxConcurrent(int value) {
            maxConcurrent = value;
            return this;
        }

        /**
         * Sets how many operations may wait.
         *
         * @param value at least 0
         * @return this builder
         */
        public Builder maxQueued(int value) {
            maxQueued = value;
            return this;
        }

        /**
         * Sets the clock for event timestamps.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * Sets the monotonic nanosecond source for throughput and throttling.
         *
         * @param value like {@link System#nanoTime()}
         * @return this builder
         */
        public Builder nanoTime(LongSupplier value) {
            nanoTime = value;
            return this;
        }

        /**
         * Limits how fast operations read: after each buffer an operation takes as many permits
         * as it read bytes, keyed {@code bytes:<collection>}, and waits while the limiter says so
         * (a cancel still stops it within that buffer).
         *
         * @param value the limiter; by default {@link RateLimiter#UNLIMITED}
         * @return this builder
         */
        public Builder rateLimiter(RateLimiter value) {
            rateLimiter = value;
            return this;
        }

        /**
         * Sets how operations wait for the rate limiter, so tests need not sleep.
         *
         * @param value waits for a duration; by default {@link Thread#sleep(long, int)}
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            sleeper = value;
            return this;
        }

        /**
         * Sets where a listener that throws is reported (a warning, once per operation).
         *
         * @param value the logger; by default the platform logger named after the event delivery
         * @return this builder
         */
        public Builder logger(System.Logger value) {
            logger = value;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         * @throws InvalidOptionsException if a value is out of range or missing
         */
        public ChunkingOperations build() {
            if (maxConcurrent < 1 || maxQueued < 0) {
                throw new InvalidOptionsException("maxConcurrent must be at least 1 and maxQueued at least 0, got " + maxConcurrent
                        + " and " + maxQueued + "; set maxConcurrent and maxQueued");
            }
            if (clock == null || nanoTime == null || logger == null || rateLimiter == null || sleeper == null) {
                throw new InvalidOptionsException("clock, nanoTime, logger, rateLimiter and sleeper must be set");
            }
            return new ChunkingOperations(this);
        }
    }
}
