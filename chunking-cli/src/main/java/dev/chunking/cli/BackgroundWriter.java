package dev.chunking.cli;

import dev.chunking.domain.Chunk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands chunks to a {@link ChunkWriter} on a thread of its own, so that formatting and writing
 * one batch of chunks overlaps chunking the next: on two cores {@code --format jsonl} then takes
 * about as long as the chunking alone. Chunks are immutable and go over in batches (at most
 * {@value #BATCH_CHUNKS} chunks or {@value #BATCH_BYTES} bytes of text) through a queue of
 * {@value #QUEUED_BATCHES}, which bounds the memory held and makes a fast chunker wait for a slow
 * reader of the output. The output keeps the chunks' order. A failure to write (a closed pipe, a
 * full disk) stops the writing and is thrown, as the {@link IOException} it was, by the next
 * {@link #write} or by {@link #finish}. Used by one producing thread.
 */
final class BackgroundWriter {
    private static final int BATCH_CHUNKS = 256;
    private static final int BATCH_BYTES = 1 << 16;
    private static final int QUEUED_BATCHES = 4;
    /** Marks the end of the chunks; compared by identity. */
    private static final List<Chunk> END = List.of();

    private final ChunkWriter writer;
    private final BlockingQueue<List<Chunk>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private volatile Throwable failure;
    private List<Chunk> batch = new ArrayList<>(BATCH_CHUNKS);
    private long batchBytes;
    private boolean ended;

    /**
     * Starts the writing thread.
     *
     * @param writer the writer, used by that thread only from now on
     */
    BackgroundWriter(ChunkWriter writer) {
        this.writer = writer;
        this.thread = new Thread(this::drain, "chunk-writer");
        thread.setDaemon(true); // a stuck output must not keep the JVM alive after the command ended
        thread.start();
    }

    /**
     * Queues a chunk for writing.
     *
     * @param chunk the chunk
     * @throws IOException if writing an earlier chunk failed, or the wait for room was interrupted
     */
    void write(Chunk chunk) throws IOException {
        rethrow();
        batch.add(chunk);
        batchBytes += chunk.content().byteLength();
        if (batch.size() == BATCH_CHUNKS || batchBytes >= BATCH_BYTES) {
            hand(batch);
            batch = new ArrayList<>(BATCH_CHUNKS);
            batchBytes = 0;
        }
    }

    /**
     * Writes what is queued, ends the thread and waits for it; the caller then flushes the stream.
     * Called again (as from a {@code finally} after a failure) it does nothing.
     *
     * @throws IOException if writing failed, or the wait was interrupted
     */
    void finish() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        if (!batch.isEmpty()) {
            hand(batch);
        }
        hand(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the chunks");
        }
        rethrow();
    }

    private void hand(List<Chunk> chunks) throws IOException {
        try {
            while (!queue.offer(chunks, 1, TimeUnit.SECONDS)) {
                if (!thread.isAlive()) { // it ended without taking the end: nothing would ever make room
                    rethrow();
                    throw new IOException("the thread writing the chunks ended early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the chunks");
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        }
    }

    /** The thread: writes each batch until the end; after a failure it only empties the queue, so no hand-over waits. */
    private void drain() {
        try {
            for (List<Chunk> chunks = queue.take(); chunks != END; chunks = queue.take()) {
                if (failure != null) {
                    continue;
                }
                try {
                    for (Chunk chunk : chunks) {
                        writer.write(chunk);
                    }
                } catch (IOException | RuntimeException | Error e) { // kept for the producing thread, which throws it
                    failure = e;
                }
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("interrupted while writing the chunks");
        }
    }
}
