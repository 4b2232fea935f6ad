package dev.chunking.application;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.OperationStatus;
import dev.chunking.domain.ProgressEvent;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * One run of an operation: reads the source in buffers, never holding more than one buffer
 * plus the strategy's window; skips a UTF-8 byte order mark at the start (offsets still count
 * it); enforces the byte limit; saves checkpoints after chunks were handed to the sink and
 * resumes from the last one, refusing a checkpoint whose source, strategy or options differ;
 * stops within one buffer when cancelled; and reports every step as a numbered event. Used
 * once, by one thread.
 */
final class OperationRun {
    /** The checkpoint attribute that holds the sequence number the resumed run goes on with. */
    static final String NEXT_SEQUENCE = "chunking.nextSequence";

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Operation operation;
    private final OperationRequest request;
    private final EventDelivery delivery;
    private final Clock clock;
    private final LongSupplier nanoTime;
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

    /**
     * @param maxChunks stop after the buffer in which this many chunks were emitted (for previews)
     * @param maxBytes stop reading after this many bytes, without finishing (for previews)
     */
    OperationRun(Operation operation, EventDelivery delivery, Clock clock, LongSupplier nanoTime, long maxChunks, long maxBytes) {
        this.operation = operation;
        this.request = operation.request();
        this.delivery = delivery;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.maxChunks = maxChunks;
        this.maxBytes = maxBytes;
    }

    /** Runs the operation to a final status; a failure becomes a {@code FAILED} result, never an exception. */
    OperationResult run() {
        long replacements = 0;
        long resumedFrom = 0;
        try {
            long[] result = chunk();
            replacements = result[0];
            resumedFrom = result[1];
            OperationStatus end = operation.cancelRequested() && result[2] == 1 ? OperationStatus.CANCELLED : OperationStatus.COMPLETED;
            operation.moveTo(end);
            send(end == OperationStatus.CANCELLED ? ProgressEvent.Kind.CANCELLED : ProgressEvent.Kind.COMPLETED, Optional.empty());
            return result(end, replacements, resumedFrom, Optional.empty());
        } catch (IOException | RuntimeException e) {
            operation.moveTo(OperationStatus.FAILED);
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            send(ProgressEvent.Kind.FAILED, Optional.of(reason));
            return result(OperationStatus.FAILED, replacements, resumedFrom, Optional.of(e));
        }
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
        Optional<Checkpoint> previous = store == null ? Optional.empty() : store.load(request.document());
        if (previous.isPresent()) {
            verify(previous.get(), fingerprint);
            sequence = nextSequence(previous.get()) - 1;
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
            ByteBuffer head = ByteBuffer.allocate(previous.isPresent() ? 0 : BOM.length);
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
                    if (throttle.due(offset) && operation.backlog().get() < EventDelivery.MAX_BACKLOG) {
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

    /** Whether the source has ended; reads (and drops) at most one byte, only when a preview stops at its byte limit. */
    private static boolean atEnd(ReadableByteChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int n = 0;
        while (n == 0) {
            n = channel.read(one);
        }
        return n < 0;
    }

    /** Whether the run read its source to the end and finished the chunker. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    private void checkLimit(long reached) {
        long limit = request.options().byteLimit();
        if (limit > 0 && reached > limit) {
            throw new InputLimitException(request.source().name() + " is longer than the byte limit of " + limit
                    + " bytes; raise byteLimit (--max-bytes) if this input is expected");
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
        if (!checkpoint.options().equals(chunking.options())) {
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
        Map<String, String> attributes = new HashMap<>(request.checkpointAttributes().get());
        attributes.put(NEXT_SEQUENCE, Long.toString(sequence + 1 + eventsAfter));
        store.save(new Checkpoint(Checkpoint.FORMAT_VERSION, request.document(), request.chunking().strategy().name(),
                request.chunking().options(), fingerprint, position, attributes));
        checkpoints++;
        send(ProgressEvent.Kind.CHECKPOINT, Optional.empty());
    }

    private void send(ProgressEvent.Kind kind, Optional<String> failure) {
        long elapsed = nanoTime.getAsLong() - startNanos;
        double rate = elapsed <= 0 ? 0 : (offset - startOffset) * 1e9 / elapsed;
        ProgressEvent event = new ProgressEvent(request.id(), ++sequence, kind, clock.instant(), request.collection(),
                request.document(), offset, total, firstIndex + emitted, rate, failure);
        delivery.send(operation, request.listener(), event);
    }
}
