package dev.chunking.application;

import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.Chunker;
import java.nio.ByteBuffer;

/**
 * A chunker in front of a strategy's chunker that may stop it for good: it admits every feed
 * (counting its UTF-8 bytes) before the strategy sees it, and once {@link #stop} was called it
 * refuses {@code feed}, {@code finish} and {@code resumePoint} with a {@link ChunkerStateException}
 * saying why, so no chunk is delivered after the stop. {@link LimitedChunker} (input limits) and
 * {@link CheckedChunker} (a plugin's promises) are the two. Not thread-safe, like every chunker.
 */
abstract class StoppableChunker implements Chunker {
    private final String why;
    private final String advice;
    private Chunker inner;
    private String stopped;

    /**
     * @param why what stops such a chunker, as in "the chunker {@code why} and takes no more input"
     * @param advice what the caller does then
     */
    StoppableChunker(String why, String advice) {
        this.why = why;
        this.advice = advice;
    }

    /** Sets the strategy's chunker, once, right after it was opened on this chunker's sink. */
    final void wrap(Chunker chunker) {
        this.inner = chunker;
    }

    /** Counts {@code bytes} more UTF-8 bytes of input, or throws (after {@link #stop}) to refuse them. */
    abstract void admit(long bytes);

    /** Stops the chunker for good; the caller then throws its own exception with the same message. */
    final void stop(String message) {
        stopped = message;
    }

    /** Refuses any use once stopped. */
    final void checkUsable() {
        if (stopped != null) {
            throw new ChunkerStateException("the chunker " + why + " and takes no more input; " + advice + ". It stopped at: "
                    + stopped);
        }
    }

    @Override
    public final void feed(byte[] utf8, int offset, int length) {
        checkUsable();
        admit(length);
        inner.feed(utf8, offset, length);
    }

    @Override
    public final void feed(ByteBuffer utf8) {
        checkUsable();
        admit(utf8.remaining());
        inner.feed(utf8);
    }

    @Override
    public final void feed(CharSequence text) {
        checkUsable();
        admit(Utf8Text.encodedLength(text));
        inner.feed(text);
    }

    @Override
    public final void finish() {
        checkUsable();
        inner.finish();
    }

    @Override
    public final long bytesFed() {
        return inner.bytesFed();
    }

    @Override
    public final ResumePoint resumePoint() {
        checkUsable();
        return inner.resumePoint();
    }

    @Override
    public final long replacements() {
        return inner.replacements();
    }

    @Override
    public final void close() {
        inner.close();
    }
}
