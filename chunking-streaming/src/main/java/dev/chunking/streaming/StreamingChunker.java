package dev.chunking.streaming;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InputLimitException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a chunking over a {@link ByteSource} in buffers of a fixed size, never holding more than
 * one buffer plus the strategy's window. Skips a UTF-8 byte order mark at the start (offsets
 * still count it), enforces the byte limit, and with a {@link CheckpointStore} takes
 * checkpoints after chunks were handed to the sink and resumes from the last one, refusing a
 * checkpoint whose source, strategy or options differ. Immutable and thread-safe; each run
 * has its own state.
 */
public final class StreamingChunker {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Chunking chunking;
    private final StreamingOptions options;

    /**
     * Creates a runner.
     *
     * @param chunking the strategy and options to chunk with
     * @param options buffer size, byte limit and checkpoint intervals
     */
    public StreamingChunker(Chunking chunking, StreamingOptions options) {
        this.chunking = chunking;
        this.options = options;
    }

    /**
     * Chunks a source from the start, without checkpoints.
     *
     * @param document the document id stamped on each chunk
     * @param source the bytes
     * @param sink receives the chunks
     * @return what the run did
     * @throws IOException if reading fails
     */
    public StreamResult run(DocumentId document, ByteSource source, ChunkSink sink) throws IOException {
        return run(document, source, sink, null, Map::of);
    }

    /**
     * Chunks a source with checkpoints: resumes from the document's checkpoint in {@code store}
     * when there is one, saves a checkpoint whenever the configured number of chunks or bytes
     * has passed, and a last one at the end. The caller deletes the checkpoint when it no longer
     * needs it.
     *
     * @param document the document id stamped on each chunk
     * @param source the bytes; must be a file (it is read again on resume)
     * @param sink receives the chunks not emitted before the checkpoint
     * @param store where checkpoints live, or null for none
     * @param attributes the host's values to store with each checkpoint, asked for right before
     *     each save (e.g. after making its own output durable)
     * @return what the run did
     * @throws IOException if reading fails
     * @throws CheckpointMismatchException if the stored checkpoint belongs to a different run
     */
    public StreamResult run(DocumentId document, ByteSource source, ChunkSink sink, CheckpointStore store,
                            Supplier<Map<String, String>> attributes) throws IOException {
        SourceFingerprint fingerprint = store == null ? null : source.fingerprint().orElseThrow(() -> new CheckpointMismatchException(
                source.name() + " cannot be read again, so a run over it cannot be checkpointed; chunk a regular file"));
        Optional<Checkpoint> previous = store == null ? Optional.empty() : store.load(document);
        previous.ifPresent(checkpoint -> verify(checkpoint, source, fingerprint));
        long[] emitted = {0};
        ChunkSink counting = chunk -> {
            sink.accept(chunk);
            emitted[0]++;
        };
        try (ReadableByteChannel channel = source.open(previous.map(c -> c.position().byteOffset()).orElse(0L))) {
            ResumePoint from = previous.map(Checkpoint::position).orElse(ResumePoint.START);
            ByteBuffer head = ByteBuffer.allocate(previous.isPresent() ? 0 : BOM.length);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // the first three bytes decide whether there is a byte order mark
            }
            boolean bom = head.position() == BOM.length && head.get(0) == BOM[0] && head.get(1) == BOM[1] && head.get(2) == BOM[2];
            if (bom) {
                checkLimit(source, BOM.length);
                from = ResumePoint.after(BOM.length, 1);
            }
            long offset = from.byteOffset();
            long checkpoints = 0;
            long chunksAtCheckpoint = 0;
            long bytesAtCheckpoint = offset;
            try (Chunker chunker = chunking.resume(document, counting, from)) {
                if (!bom && head.position() > 0) {
                    checkLimit(source, head.position());
                    chunker.feed(head.array(), 0, head.position());
                    offset = head.position();
                }
                // direct: a channel reads into it without an extra copy, and the chunker copies it once into its window
                ByteBuffer buffer = ByteBuffer.allocateDirect(options.bufferSize());
                for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
                    checkLimit(source, offset + n);
                    buffer.flip();
                    chunker.feed(buffer);
                    offset += n;
                    buffer.clear();
                    if (store != null && (emitted[0] - chunksAtCheckpoint >= options.checkpointEveryChunks()
                            || offset - bytesAtCheckpoint >= options.checkpointEveryBytes())) {
                        save(store, document, fingerprint, chunker.resumePoint(), attributes);
                        checkpoints++;
                        chunksAtCheckpoint = emitted[0];
                        bytesAtCheckpoint = offset;
                    }
                }
                chunker.finish();
                if (store != null) {
                    save(store, document, fingerprint, chunker.resumePoint(), attributes);
                    checkpoints++;
                }
                return new StreamResult(offset, emitted[0], chunker.replacements(), from.byteOffset(), checkpoints);
            }
        }
    }

    private void checkLimit(ByteSource source, long reached) {
        if (options.byteLimit() > 0 && reached > options.byteLimit()) {
            throw new InputLimitException(source.name() + " is longer than the byte limit of " + options.byteLimit()
                    + " bytes; raise byteLimit (--max-bytes) if this input is expected");
        }
    }

    private void verify(Checkpoint checkpoint, ByteSource source, SourceFingerprint now) {
        String fix = "; delete the checkpoint to start over";
        if (checkpoint.formatVersion() != Checkpoint.FORMAT_VERSION) {
            throw new CheckpointMismatchException("the checkpoint has format version " + checkpoint.formatVersion()
                    + ", this library reads version " + Checkpoint.FORMAT_VERSION + fix);
        }
        if (!checkpoint.source().equals(now)) {
            throw new CheckpointMismatchException(source.name() + " changed since the checkpoint ("
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

    private void save(CheckpointStore store, DocumentId document, SourceFingerprint fingerprint, ResumePoint position,
                      Supplier<Map<String, String>> attributes) {
        store.save(new Checkpoint(Checkpoint.FORMAT_VERSION, document, chunking.strategy().name(), chunking.options(),
                fingerprint, position, attributes.get()));
    }
}
