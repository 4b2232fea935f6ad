package dev.chunking.strategy.internal;

import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.spi.Chunker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The input side of a chunker: a sliding window of UTF-8 bytes with absolute offsets, fed
 * bytes or chars in pieces of any size, handing whole code points to {@link #scan}. The window
 * keeps bytes from {@link #retainFrom()} on and grows only while the subclass retains more,
 * so its size follows the chunk window, never the document. Not thread-safe.
 */
abstract class Utf8Window implements Chunker {
    /** The window's first capacity, in bytes; it grows when a chunk needs more. */
    static final int INITIAL_CAPACITY = 64 * 1024;

    /** The bytes; {@code buf[0]} is document byte {@link #base}. */
    byte[] buf;
    /** Document byte offset of {@code buf[0]}. */
    long base;
    /** Number of code points scanned so far. */
    long scannedCodePoints;

    private int fill;
    private int scanned;
    private long bytesFed;
    private boolean finished;
    private boolean closed;
    private boolean failed;
    private char pendingHigh;
    private long pendingHighIndex;
    /** Chars fed so far, for the index a lone surrogate is reported at. */
    private long charsFed;
    private byte[] encoded;

    // Malformed sequences replaced by U+FFFD shift window offsets against source offsets.
    private long[] replacedAt = new long[0];   // window offsets of the U+FFFD written, ascending
    private long[] shiftAfter = new long[0];   // window minus source offset just after each
    private int replacedFrom;                  // entries before this index lie before the window
    private int replacedCount;
    private long shiftBefore;                  // the shift of the last dropped entry
    private long replacementsDropped;          // replacements before the window, including earlier runs

    /**
     * Starts the window at a source offset.
     *
     * @param sourceOffset source byte offset of the first byte that will be fed
     * @param codePoints code points before it
     * @param replacementsBefore replacements made before it, by earlier runs
     */
    Utf8Window(long sourceOffset, long codePoints, long replacementsBefore) {
        this(sourceOffset, codePoints, replacementsBefore, INITIAL_CAPACITY);
    }

    /**
     * Starts the window at a source offset with a given first capacity, for short inputs
     * such as one chunk's text (the window still grows when it must).
     */
    Utf8Window(long sourceOffset, long codePoints, long replacementsBefore, int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
        this.base = sourceOffset;
        this.scannedCodePoints = codePoints;
        this.replacementsDropped = replacementsBefore;
    }

    /** Scans whole code points in {@code buf[from, limit)}; returns the index after the last one scanned. */
    abstract int scan(byte[] buf, int from, int limit, boolean endOfInput);

    /** The document byte offset before which no byte is needed any more. */
    abstract long retainFrom();

    /** Called once when the input ended, with the document's length in bytes and code points. */
    abstract void endOfInput(long endByte, long endCp);

    /** Drops the subclass's state on close. */
    abstract void releaseState();

    @Override
    public final void feed(byte[] utf8, int offset, int length) {
        checkOpenForBytes();
        Objects.checkFromIndexSize(offset, length, utf8.length);
        feedBytes(utf8, offset, length);
    }

    @Override
    public final void feed(ByteBuffer utf8) {
        checkOpenForBytes();
        while (utf8.hasRemaining()) {
            if (fill == buf.length) {
                makeRoom();
            }
            int n = Math.min(utf8.remaining(), buf.length - fill);
            utf8.get(buf, fill, n); // one copy, straight from the (direct) buffer into the window
            fill += n;
            bytesFed += n;
            scanned = guarded(false);
        }
    }

    private void feedBytes(byte[] utf8, int offset, int length) {
        while (length > 0) {
            if (fill == buf.length) {
                makeRoom();
            }
            int n = Math.min(length, buf.length - fill);
            System.arraycopy(utf8, offset, buf, fill, n);
            fill += n;
            offset += n;
            length -= n;
            bytesFed += n;
            scanned = guarded(false);
        }
    }

    private void makeRoom() {
        int keep = (int) (retainFrom() - base);
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, fill - keep);
            base += keep;
            fill -= keep;
            scanned -= keep;
        }
        if (fill == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    @Override
    public final void feed(CharSequence text) {
        checkOpen();
        if (encoded == null) {
            encoded = new byte[8192];
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (n > encoded.length - 4) {
                feedBytes(encoded, 0, n);
                n = 0;
            }
            int cp = ch;
            if (pendingHigh != 0) {
                if (!Character.isLowSurrogate(ch)) {
                    throw loneSurrogate(pendingHigh, pendingHighIndex, n);
                }
                cp = Character.toCodePoint(pendingHigh, ch);
                pendingHigh = 0;
            } else if (Character.isHighSurrogate(ch)) {
                pendingHigh = ch;
                pendingHighIndex = charsFed + i;
                continue;
            } else if (Character.isLowSurrogate(ch)) {
                throw loneSurrogate(ch, charsFed + i, n);
            }
            n = encode(cp, n);
        }
        charsFed += text.length();
        feedBytes(encoded, 0, n);
    }

    /** Scans, and refuses all further input once a sink, a counter or the input itself has thrown. */
    private int guarded(boolean endOfInput) {
        try {
            return scan(buf, scanned, fill, endOfInput);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private MalformedInputException loneSurrogate(char ch, long charIndex, int pending) {
        return MalformedInputException.loneSurrogate(ch, charIndex, bytesFed + pending);
    }

    private int encode(int cp, int n) {
        byte[] e = encoded;
        if (cp < 0x80) {
            e[n++] = (byte) cp;
        } else if (cp < 0x800) {
            e[n++] = (byte) (0xC0 | cp >> 6);
            e[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            e[n++] = (byte) (0xE0 | cp >> 12);
            e[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            e[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            e[n++] = (byte) (0xF0 | cp >> 18);
            e[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            e[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            e[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }

    @Override
    public final void finish() {
        if (closed) {
            throw new ChunkerStateException("finish() called on a closed chunker; open a new one");
        }
        if (failed) {
            checkOpen();
        }
        if (finished) {
            return;
        }
        finished = true;
        if (pendingHigh != 0) {
            throw loneSurrogate(pendingHigh, pendingHighIndex, 0);
        }
        scanned = guarded(true);
        try {
            endOfInput(base + fill, scannedCodePoints);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public final long bytesFed() {
        return bytesFed;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            buf = new byte[0];
            fill = 0;
            scanned = 0;
            releaseState();
        }
    }

    /** Bytes may follow chars only at a code-point boundary. */
    private void checkOpenForBytes() {
        checkOpen();
        if (pendingHigh != 0) {
            throw loneSurrogate(pendingHigh, pendingHighIndex, 0); // at the end of the previous char feed
        }
    }

    private void checkOpen() {
        if (failed) {
            throw new ChunkerStateException("the chunker stopped when its input, sink or token counter failed;"
                    + " open a new chunker (or resume from a checkpoint)");
        }
        if (closed) {
            throw new ChunkerStateException("feed called on a closed chunker; open a new one");
        }
        if (finished) {
            throw new ChunkerStateException("feed called after finish(); open a new chunker for the next document");
        }
    }

    /** The code point at a window offset that is a code-point start of scanned, well-formed text. */
    final int codePointAt(long p) {
        int i = (int) (p - base);
        int b = buf[i];
        if (b >= 0) {
            return b;
        }
        int len = Utf8.sequenceLength(b);
        int cp = b & (0x7F >> len);
        for (int k = 1; k < len; k++) {
            cp = (cp << 6) | (buf[i + k] & 0x3F);
        }
        return cp;
    }

    /** The document byte offset of the code point before the one at {@code at}. */
    final long previousCodePoint(long at) {
        int i = (int) (at - base) - 1;
        while (Utf8.isContinuation(buf[i])) {
            i--;
        }
        return base + i;
    }

    /** The document byte offset of the code point after the one at {@code at}. */
    final long nextCodePoint(long at) {
        return at + Utf8.sequenceLength(buf[(int) (at - base)]);
    }

    /**
     * Replaces {@code length} malformed bytes at window index {@code i} by U+FFFD (EF BF BD),
     * moving the bytes after them.
     */
    final void replaceWithReplacementCharacter(int i, int length) {
        int grow = 3 - length;
        if (fill + grow > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, fill + grow));
        }
        System.arraycopy(buf, i + length, buf, i + 3, fill - (i + length));
        buf[i] = (byte) 0xEF;
        buf[i + 1] = (byte) 0xBF;
        buf[i + 2] = (byte) 0xBD;
        fill += grow;
        if (replacedCount == replacedAt.length) {
            replacedAt = Arrays.copyOf(replacedAt, Math.max(8, replacedCount * 2));
            shiftAfter = Arrays.copyOf(shiftAfter, replacedAt.length);
        }
        long shift = (replacedCount > replacedFrom ? shiftAfter[replacedCount - 1] : shiftBefore) + grow;
        replacedAt[replacedCount] = base + i;
        shiftAfter[replacedCount++] = shift;
    }

    /** The source offset of a window offset that is a code-point start. */
    final long sourceOffset(long windowOffset) {
        long shift = shiftBefore;
        for (int k = replacedCount - 1; k >= replacedFrom; k--) {
            if (replacedAt[k] < windowOffset) {
                shift = shiftAfter[k];
                break;
            }
        }
        return windowOffset - shift;
    }

    /** The number of replacements in {@code [from, to)} (window offsets). */
    final int replacementsBetween(long from, long to) {
        int n = 0;
        for (int k = replacedFrom; k < replacedCount; k++) {
            if (replacedAt[k] >= from && replacedAt[k] < to) {
                n++;
            }
        }
        return n;
    }

    /** Forgets replacements before a window offset; they still count in {@link #replacements()}. */
    final void dropReplacementsBefore(long windowOffset) {
        while (replacedFrom < replacedCount && replacedAt[replacedFrom] < windowOffset) {
            shiftBefore = shiftAfter[replacedFrom++];
            replacementsDropped++;
        }
        if (replacedFrom == replacedCount) {
            replacedFrom = 0;
            replacedCount = 0;
        }
    }

    /** Replacements before the window start, for resume points. */
    final long replacementsBeforeWindow() {
        return replacementsDropped;
    }

    @Override
    public final long replacements() {
        return replacementsDropped + replacedCount - replacedFrom;
    }

    /** The document offset after the last byte in the window (scanned or not). */
    final long filledEnd() {
        return base + fill;
    }

    /** The number of code points that start in {@code [from, to)}: bytes that are not continuation bytes. */
    final int codePointsBetween(long from, long to) {
        int i = (int) (from - base);
        int end = (int) (to - base);
        int n = end - i;
        for (; i + 8 <= end; i += 8) {
            long x = Words.at(buf, i);
            n -= Long.bitCount(x & ~(x << 1) & 0x8080808080808080L); // continuation bytes are 10xxxxxx
        }
        for (; i < end; i++) {
            if (Utf8.isContinuation(buf[i])) {
                n--;
            }
        }
        return n;
    }

    /** The start of the code point {@code n} code points before {@code at}; the window must hold them. */
    final long codePointsBack(long at, long n) {
        long p = at;
        for (long need = n; need > 0; ) {
            long q = p - need; // each code point takes at least one byte
            need -= codePointsBetween(q, p);
            p = q;
        }
        while (Utf8.isContinuation(buf[(int) (p - base)])) {
            p++; // p fell inside the sequence before the n-th code point
        }
        return p;
    }

    /** Decodes the window bytes {@code [from, to)}, given as document byte offsets. */
    final String decode(long from, long to) {
        return new String(buf, (int) (from - base), (int) (to - from), StandardCharsets.UTF_8);
    }
}
