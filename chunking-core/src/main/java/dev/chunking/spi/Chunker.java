package dev.chunking.spi;

import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.ResumeUnsupportedException;
import java.nio.ByteBuffer;
/**
 * A stateful chunker for one document, opened by a {@link ChunkingStrategy}. Feed it the
 * document in pieces of any size (down to one byte or one char per call), then call
 * {@link #finish()}. Finished chunks reach the sink as soon as they are final; the output does
 * not depend on how the input was split. Memory held is bounded by the maximum chunk size plus
 * a small lookahead, never by document length.
 *
 * <p>Not thread-safe: one thread feeds one chunker. Feeding bytes and chars to the same
 * chunker may be mixed only at code-point boundaries.
 */
public interface Chunker extends AutoCloseable {
    /**
     * Feeds UTF-8 bytes. A multi-byte sequence may be cut between calls.
     *
     * @param utf8 the bytes
     * @param offset index of the first byte to read
     * @param length number of bytes to read
     * @throws dev.chunking.domain.MalformedInputException if the bytes are not well-formed UTF-8
     * @throws dev.chunking.domain.ChunkerStateException if the chunker is finished or closed
     */
    void feed(byte[] utf8, int offset, int length);

    /**
     * Feeds all of an array of UTF-8 bytes.
     *
     * @param utf8 the bytes
     */
    default void feed(byte[] utf8) {
        feed(utf8, 0, utf8.length);
    }

    /**
     * Feeds the remaining UTF-8 bytes of a buffer (heap or direct) and consumes them. The
     * built-in chunkers copy straight from the buffer into their window, so a direct buffer
     * filled by a channel is copied once.
     *
     * @param utf8 the bytes from its position to its limit
     */
    default void feed(ByteBuffer utf8) {
        if (utf8.hasArray()) {
            feed(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
            utf8.position(utf8.limit());
            return;
        }
        byte[] copy = new byte[Math.min(utf8.remaining(), 64 * 1024)];
        while (utf8.hasRemaining()) {
            int n = Math.min(copy.length, utf8.remaining());
            utf8.get(copy, 0, n);
            feed(copy, 0, n);
        }
    }

    /**
     * Feeds text. A surrogate pair may be cut between calls.
     *
     * @param text the text
     * @throws dev.chunking.domain.MalformedInputException if the text has a lone surrogate
     * @throws dev.chunking.domain.ChunkerStateException if the chunker is finished or closed
     */
    void feed(CharSequence text);

    /**
     * Marks the end of the document and emits the remaining chunks. Calling it again does nothing.
     *
     * @throws dev.chunking.domain.MalformedInputException if the input ends inside a UTF-8 sequence
     */
    void finish();

    /**
     * Returns the number of bytes fed so far, counted as UTF-8.
     *
     * @return bytes consumed since the chunker was opened
     */
    long bytesFed();

    /**
     * Returns where the chunker stands, for checkpoints. Call it between calls to {@code feed}
     * (not from inside the sink): every chunk with an index below {@code nextIndex()} has then
     * been handed to the sink, and a chunker opened with
     * {@link ChunkingStrategy#resume} at this point and fed the input again from
     * {@code byteOffset()} emits exactly the chunks this one would have emitted next.
     *
     * @return the current resume point
     * @throws ResumeUnsupportedException if the chunker cannot report one (the default)
     */
    default ResumePoint resumePoint() {
        throw new ResumeUnsupportedException(getClass().getName() + " cannot report resume points, so runs with it"
                + " cannot be checkpointed; run without a checkpoint store");
    }

    /**
     * Returns how many malformed sequences were replaced by U+FFFD so far (always 0 under the
     * default {@code REPORT} policy), including those counted before a resume.
     *
     * @return the number of replacements (0 unless overridden)
     */
    default long replacements() {
        return 0;
    }

    /**
     * Releases the chunker's buffers without emitting anything more. Idempotent.
     */
    @Override
    void close();
}
