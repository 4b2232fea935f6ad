package dev.chunking.streaming.operation;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * One run of an operation: reads the source in buffers, never holding more than one buffer
 * plus the strategy's window; skips a UTF-8 byte order mark at the start (offsets still count
 * it); enforces {@link OperationOptions#byteLimit()} (the chunker enforces the options' input
 * limits); saves checkpoints after chunks were handed to the sink and resumes from the last
 * one, refusing a checkpoint whose source, strategy or options (but for the limits) differ;
 * stops within one buffer when cancelled; and reports every step as a numbered event. Used
 * once, by one thread.
 */
final class OperationRun {
    /** The checkpoint attribute that holds the sequence number the resumed run goes on with. */
    static final String NEXT_SEQUENCE = "chunking.nextSequence";
    /** The checkpoint attribute that marks the checkpoint of a run that read its document to the end. */
    static final String COMPLETED = Checkpoint.COMPLETED_ATTRIBUTE;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Operation operation;
    private final OperationRequest request;
    private final EventDelivery delivery;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final RunEnvironment environment;
    private final long maxChunks;
    private final long maxBytes;

    private long sequence;
    private long offset;
    private long emitted;
    private long firstIndex;
    private long checkpoints;
    private long startNanos;
    private long startOffset;
    private OptionalLong total = OptionalLong.empty();
    private boolean reachedEnd;
    private Checkpoint lastCheckpoint;

    /**
     * @param maxChunks stop after the buffer in which this many chunks were emitted (for previews)
     * @param maxBytes stop reading after this many bytes, without finishing (for previews)
     */
    OperationRun(Operation operation, RunEnvironment environment, long maxChunks, long maxBytes) {
        this.operation = operation;
        this.request = operation.request();
        this.environment = environment;
        this.delivery = environment.delivery();
        this.clock = environment.clock();
        this.nanoTime = environment.nanoTime();
        this.maxChunks = maxChunks;
        this.maxBytes = maxBytes;
    }

    /** Runs the operation to a final status; a failure becomes a {@code FAILED} result, never an exception. */
    OperationResult run() {
        long[] outcome = {0, 0, 0};
        try {
            outcome = chunk();
            OperationStatus end = operation.cancelRequested() && outcome[2] == 1 ? OperationStatus.CANCELLED : OperationStatus.COMPLETED;
            operation.moveTo(end);
            send(end == OperationStatus.CANCELLED ? ProgressEvent.Kind.CANCELLED : ProgressEvent.Kind.COMPLETED, Optional.empty());
            return result(end, outcome[0], outcome[1], Optional.empty());
        } catch (Throwable e) { // an Error or a sneaky checked exception from a plugin or a port must not leave it RUNNING
            rememberFailure(e);
            operation.moveTo(OperationStatus.FAILED);
            send(ProgressEvent.Kind.FAILED, Optional.of(e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            if (e instanceof VirtualMachineError) {
                operation.complete(result(OperationStatus.FAILED, outcome[0], outcome[1], Optional.of(e)));
                throw (VirtualMachineError) e;
            }
            return result(OperationStatus.FAILED, outcome[0], outcome[1], Optional.of(e));
        }
    }

    /**
     * Moves the last checkpoint's next sequence number past the {@code FAILED} event about to be
     * sent, so that a resumed run does not number its events again.
     */
    private void rememberFailure(Throwable failure) {
        CheckpointStore store = request.checkpoints().orElse(null);
        if (store == null || lastCheckpoint == null) {
            return;
        }
        try {
            Map<String, String> attributes = new HashMap<>(lastCheckpoint.attributes());
            attributes.put(NEXT_SEQUENCE, Long.toString(sequence + 2));
            store.save(new Checkpoint(lastCheckpoint.formatVersion(), lastCheckpoint.collection(), lastCheckpoint.document(),
                    lastCheckpoint.strategy(),
                    lastCheckpoint.options(), lastCheckpoint.source(), lastCheckpoint.position(), attributes));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Ends an operation that never ran (cancelled while pending, or refused by the executor) with
     * its one final event, numbered on from its checkpoint when it has one.
     */
    static OperationResult endBeforeStart(Operation operation, RunEnvironment environment, OperationStatus status,
                                          Optional<Throwable> failure) {
        OperationRequest request = operation.request();
        long number = 1;
        try {
            Optional<Checkpoint> checkpoint = request.checkpoints().isPresent()
                    ? request.checkpoints().get().load(request.collection(), request.document()) : Optional.empty();
            number = checkpoint.isPresent() ? nextSequence(checkpoint.get()) : 1;
        } catch (RuntimeException e) {
            failure.ifPresent(f -> f.addSuppressed(e)); // unreadable: number from 1, as a fresh run would
        }
        ProgressEvent.Kind kind = status == OperationStatus.CANCELLED ? ProgressEvent.Kind.CANCELLED : ProgressEvent.Kind.FAILED;
        ProgressEvent event = new ProgressEvent(request.id(), number, kind, environment.clock().instant(), request.collection(),
                request.document(), 0, OptionalLong.empty(), 0, 0,
                failure.map(f -> f.getMessage() == null ? f.getClass().getName() : f.getMessage()));
        environment.delivery().send(operation, request.listener(), event);
        return new OperationResult(request.id(), status, 0, 0, 0, 0, 0, number, failure);
    }

    private OperationResult result(OperationStatus status, long replacements, long resumedFrom, Optional<Throwable> failure) {
        return new OperationResult(request.id(), status, offset, emitted, replacements, resumedFrom, checkpoints, sequence, failure);
    }

    /** Returns {replacements, resumed-from offset, 1 if it stopped because it was cancelled}. */
    private long[] chunk() throws IOException {
        Chunking chunking = request.chunking();
        CheckpointStore store = request.checkpoints().orElse(null);
        SourceFingerprint fingerprint = store == null ? null : request.source().fingerprint().orElseThrow(() -> new CheckpointMismatchException(
                request.source().name() + " cannot be read again, so a run over it cannot be checkpointed; chunk a regular file"));
        Optional<Checkpoint> previous = store == null ? Optional.empty() : store.load(request.collection(), request.document());
        if (previous.isPresent()) {
            sequence = nextSequence(previous.get()) - 1; // first: a refused checkpoint's FAILED event is numbered on too
            lastCheckpoint = previous.get();
            verify(previous.get(), fingerprint);
            if (previous.get().attributes().containsKey(COMPLETED)) { // resuming it would deliver nothing, without a word
                throw new CheckpointMismatchException("the checkpoint of document '" + request.document() + "' in collection '"
                        + request.collection() + "' is that of a run that completed (" + previous.get().position().nextIndex()
                        + " chunks); delete it (CheckpointStore.delete, or the --checkpoint file) to chunk the document again");
            }
        }
        total = request.source().size();
        ChunkSink counting = chunk -> {
            request.sink().accept(chunk);
            emitted++;
        };
        try (ReadableByteChannel channel = request.source().open(previous.map(c -> c.position().byteOffset()).orElse(0L))) {
            ResumePoint from = previous.map(Checkpoint::position).orElse(ResumePoint.START);
            startNanos = nanoTime.getAsLong();
            startOffset = from.byteOffset();
            ByteBuffer head = ByteBuffer.allocate(previous.isPresent() ? 0 : (int) Math.min(BOM.length, maxBytes));
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // the first three bytes decide whether there is a byte order mark
            }
            boolean bom = head.position() == BOM.length && head.get(0) == BOM[0] && head.get(1) == BOM[1] && head.get(2) == BOM[2];
            if (bom) {
                checkLimit(BOM.length);
                from = ResumePoint.after(BOM.length, 1);
            }
            offset = from.byteOffset();
            firstIndex = from.nextIndex();
            ProgressThrottle throttle = new ProgressThrottle(request.options().progressInterval(), request.options().progressEveryBytes(),
                    nanoTime, offset);
            send(ProgressEvent.Kind.STARTED, Optional.empty());
            long chunksAtCheckpoint = 0;
            long bytesAtCheckpoint = offset;
            try (Chunker chunker = chunking.resume(request.document(), counting, from)) {
                if (!bom && head.position() > 0) {
                    checkLimit(head.position());
                    chunker.feed(head.array(), 0, head.position());
                    offset = head.position();
                }
                // direct: a channel reads into it without an extra copy, and the chunker copies it once into its window
                ByteBuffer buffer = ByteBuffer.allocateDirect(request.options().bufferSize());
                while (true) {
                    if (offset >= maxBytes) { // a preview read all it may: stop, unless the source ends right here
                        if (!atEnd(channel)) {
                            return new long[] {chunker.replacements(), from.byteOffset(), 0};
                        }
                        break;
                    }
                    buffer.limit((int) Math.min(buffer.capacity(), maxBytes - offset));
                    int n = channel.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    checkLimit(offset + n);
                    awaitPermits(n);
                    buffer.flip();
                    chunker.feed(buffer);
                    offset += n;
                    buffer.clear();
                    if (operation.cancelRequested()) {
                        if (store != null) {
                            checkpoint(store, fingerprint, chunker.resumePoint(), 2); // this checkpoint event, then CANCELLED
                        }
                        return new long[] {chunker.replacements(), from.byteOffset(), 1};
                    }
                    if (emitted >= maxChunks) {
                        return new long[] {chunker.replacements(), from.byteOffset(), 0}; // a preview: enough seen
                    }
                    if (store != null && (emitted - chunksAtCheckpoint >= request.options().checkpointEveryChunks()
                            || offset - bytesAtCheckpoint >= request.options().checkpointEveryBytes())) {
                        checkpoint(store, fingerprint, chunker.resumePoint(), 1);
                        chunksAtCheckpoint = emitted;
                        bytesAtCheckpoint = offset;
                    }
                    if (operation.backlog().get() < EventDelivery.MAX_BACKLOG && throttle.due(offset)) {
                        send(ProgressEvent.Kind.PROGRESS, Optional.empty());
                    }
                }
                chunker.finish();
                reachedEnd = true;
                if (store != null) {
                    checkpoint(store, fingerprint, chunker.resumePoint(), 2); // this checkpoint event, then COMPLETED
                }
                return new long[] {chunker.replacements(), from.byteOffset(), 0};
            }
        }
    }

    /**
     * Whether the source has ended; reads (and drops) at most one byte, only when a preview stops
     * at its byte limit. A channel that has no byte ready counts as not ended.
     */
    private static boolean atEnd(ReadableByteChannel channel) throws IOException {
        return channel.read(ByteBuffer.allocate(1)) < 0;
    }

    /** Whether the run read its source to the end and finished the chunker. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    /** Takes {@code bytes} permits of the collection's read rate, waiting while the limiter says so or until cancelled. */
    private void awaitPermits(int bytes) throws IOException {
        String key = "bytes:" + request.collection().value();
        for (Duration wait = environment.rateLimiter().tryAcquire(key, bytes); !wait.isZero() && !operation.cancelRequested();
                wait = environment.rateLimiter().tryAcquire(key, bytes)) {
            try {
                environment.sleeper().sleep(wait.isNegative() ? Duration.ZERO : wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the rate limiter of " + key);
            }
        }
    }

    private void checkLimit(long reached) {
        long limit = request.options().byteLimit();
        if (limit > 0 && reached > limit) {
            throw new InputLimitException(request.source().name() + " is longer than the byte limit of " + limit
                    + " bytes; raise OperationOptions.byteLimit if this input is expected");
        }
    }

    private void verify(Checkpoint checkpoint, SourceFingerprint now) {
        String fix = "; delete the checkpoint to start over";
        Chunking chunking = request.chunking();
        if (checkpoint.formatVersion() != Checkpoint.FORMAT_VERSION) {
            throw new CheckpointMismatchException("the checkpoint has format version " + checkpoint.formatVersion()
                    + ", this library reads version " + Checkpoint.FORMAT_VERSION + fix);
        }
        if (!checkpoint.source().equals(now)) {
            throw new CheckpointMismatchException(request.source().name() + " changed since the checkpoint ("
                    + checkpoint.source().difference(now) + ")" + fix);
        }
        if (!checkpoint.strategy().equals(chunking.strategy().name())) {
            throw new CheckpointMismatchException("the checkpoint was taken with strategy '" + checkpoint.strategy()
                    + "', this run uses '" + chunking.strategy().name() + "'" + fix);
        }
        // the limits decide how far a run may go, not its chunks: a run refused at a limit resumes under a raised one
        if (!checkpoint.options().withLimits(chunking.options().limits()).equals(chunking.options())) {
            throw new CheckpointMismatchException("the checkpoint was taken with options " + checkpoint.options()
                    + ", this run uses " + chunking.options() + fix);
        }
    }

    private static long nextSequence(Checkpoint checkpoint) {
        String value = checkpoint.attributes().get(NEXT_SEQUENCE);
        try {
            return value == null ? 1 : Math.max(1, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new CheckpointMismatchException("the checkpoint's " + NEXT_SEQUENCE + " is '" + value
                    + "', not a number; delete the checkpoint to start over");
        }
    }

    /**
     * Saves a checkpoint and reports it; the resumed run numbers its events from
     * {@code eventsAfter} past this checkpoint event (1, or 2 when a final event follows).
     */
    private void checkpoint(CheckpointStore store, SourceFingerprint fingerprint, ResumePoint position, int eventsAfter) {
        Map<String, String> host = request.checkpointAttributes().get();
        String reserved = host == null ? null : host.containsKey(NEXT_SEQUENCE) ? NEXT_SEQUENCE : host.containsKey(COMPLETED) ? COMPLETED : null;
        if (host == null || reserved != null) {
            throw new InvalidOptionsException("the checkpoint attributes " + (host == null ? "are null" : "use the reserved name "
                    + reserved) + "; return a map of the host's own names from checkpointAttributes");
        }
        Map<String, String> attributes = new HashMap<>(host);
        attributes.put(NEXT_SEQUENCE, Long.toString(sequence + 1 + eventsAfter));
        if (reachedEnd) {
            attributes.put(COMPLETED, "true");
        }
        Checkpoint next = new Checkpoint(Checkpoint.FORMAT_VERSION, request.collection(), request.document(),
                request.chunking().strategy().name(), request.chunking().options(), fingerprint, position, attributes);
        // the sink first: a checkpoint saved only after its chunks are durable is never ahead of them, and a sink that
        // is also the store commits both at once here, so a failure of the save below cannot leave it behind them
        request.sink().commit(next);
        lastCheckpoint = next;
        store.save(next);
        checkpoints++;
        send(ProgressEvent.Kind.CHECKPOINT, Optional.empty());
    }

    private void send(ProgressEvent.Kind kind, Optional<String> failure) {
        long elapsed = nanoTime.getAsLong() - startNanos;
        double rate = elapsed <= 0 || kind == ProgressEvent.Kind.STARTED ? 0 : (offset - startOffset) * 1e9 / elapsed;
        ProgressEvent event = new ProgressEvent(request.id(), ++sequence, kind, clock.instant(), request.collection(),
                request.document(), offset, total, firstIndex + emitted, rate, failure);
        delivery.send(operation, request.listener(), event);
    }
}
