package dev.chunking.spark;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.Chunker;
import dev.chunking.streaming.ByteSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One document's chunks, pulled: each step feeds the chunker one slice of the text or one
 * {@value #BUFFER}-byte read of the file and hands out the chunks it finished, so memory holds one
 * buffer, the chunker's window and the chunks of one step, whatever the document's length. A file
 * is read as {@code StreamingChunker} reads it: a UTF-8 byte order mark at the start is skipped and
 * still counted in the offsets. Used by one thread.
 */
final class DocumentChunks implements Iterator<Chunk>, AutoCloseable {
    /** Bytes read, or chars fed, per step. */
    static final int BUFFER = Chunking.READ_BUFFER_SIZE;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ArrayDeque<Chunk> ready = new ArrayDeque<>();
    private final Step step;
    private Chunker chunker;
    private boolean finished;

    private DocumentChunks(Step step) {
        this.step = step;
    }

    /** One step of feeding; false when the input has ended. */
    private interface Step {
        boolean feed(DocumentChunks chunks) throws IOException;

        void close() throws IOException;
    }

    static DocumentChunks ofText(Chunking chunking, DocumentId document, String text) {
        int[] at = {0};
        DocumentChunks chunks = new DocumentChunks(new Step() {
            @Override
            public boolean feed(DocumentChunks self) {
                if (at[0] >= text.length()) {
                    return false;
                }
                int end = Math.min(text.length(), at[0] + BUFFER); // a surrogate pair may be cut between calls
                self.chunker.feed(CharBuffer.wrap(text, at[0], end));
                at[0] = end;
                return true;
            }

            @Override
            public void close() {
                // nothing held
            }
        });
        chunks.chunker = chunking.open(document, chunks.ready::add);
        return chunks;
    }

    static DocumentChunks ofPath(Chunking chunking, DocumentId document, String path, DocumentColumns columns) {
        ReadableByteChannel channel;
        ByteBuffer head = ByteBuffer.allocate(BOM.length);
        try {
            channel = ByteSource.file(toPath(path)).open(0);
            try {
                while (head.hasRemaining() && channel.read(head) >= 0) {
                    // the first three bytes decide whether there is a byte order mark
                }
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            throw new DocumentInputException("document '" + document + "': cannot read the path '" + path + "' of column '"
                    + columns.content() + "' (" + e + "); the path must name a readable UTF-8 file on every executor (a local or"
                    + " shared file system), or name another column in " + columns.setting(), e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        DocumentChunks chunks = new DocumentChunks(new Step() {
            @Override
            public boolean feed(DocumentChunks self) throws IOException {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    return false;
                }
                self.chunker.feed(buffer.array(), 0, n);
                return true;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        });
        boolean bom = head.position() == BOM.length && head.get(0) == BOM[0] && head.get(1) == BOM[1] && head.get(2) == BOM[2];
        try {
            chunks.chunker = bom ? chunking.resume(document, chunks.ready::add, ResumePoint.after(BOM.length, 1))
                    : chunking.open(document, chunks.ready::add);
            if (!bom) {
                chunks.chunker.feed(head.array(), 0, head.position());
            }
        } catch (RuntimeException e) {
            chunks.close();
            throw e;
        }
        return chunks;
    }

    private static Path toPath(String path) {
        return path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
    }

    @Override
    public boolean hasNext() {
        try {
            while (ready.isEmpty() && !finished) {
                if (!step.feed(this)) {
                    chunker.finish();
                    finished = true;
                    close();
                }
            }
        } catch (IOException e) {
            finished = true; // a second call must not feed a closed chunker and hide this failure behind another
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            finished = true;
            close();
            throw e;
        }
        return !ready.isEmpty();
    }

    @Override
    public Chunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more chunks in this document");
        }
        return ready.poll();
    }

    @Override
    public void close() {
        try {
            if (chunker != null) {
                chunker.close();
            }
        } finally { // the file is closed even if a plugin's chunker fails to close
            try {
                step.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
