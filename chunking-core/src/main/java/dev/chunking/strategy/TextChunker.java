package dev.chunking.strategy;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.PluginFailureException;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.ResumeUnsupportedException;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.internal.Clusters;
import java.nio.CharBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A base for the chunker of a simple plugin strategy, which decides where chunks end on decoded
 * text and leaves the rest here: strict, incremental UTF-8 decoding (sequences and surrogate pairs
 * cut between feeds, malformed input reported as a {@link MalformedInputException} at its byte
 * offset or replaced by U+FFFD as the options say), the code point and byte offsets of every
 * chunk, its size, index, text and replacements, and the chunker's state ({@code finish},
 * {@code close}, no input after a failure). A subclass implements {@link #cut} only:
 *
 * <pre>{@code
 * final class ParagraphChunker extends TextChunker {   // whole paragraphs, each cut to fit when too long
 *     ParagraphChunker(DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink) {
 *         super("paragraphs", document, options, counter, sink, ResumePoint.START);
 *     }
 *
 *     protected int cut(CharSequence pending, boolean end) {
 *         int blank = pending.toString().indexOf("\n\n");
 *         int paragraph = blank >= 0 ? blank + 2 : end ? pending.length() : -1;
 *         if (paragraph > 0 && size(pending.subSequence(0, paragraph)) <= options().maxSize()) {
 *             return paragraph;
 *         }
 *         return paragraph > 0 || size(pending) > options().maxSize() ? longestFit(pending) : 0;
 *     }
 * }
 * }</pre>
 *
 * <p>Memory: the text decoded and not yet cut, which the subclass keeps small by cutting as soon
 * as it knows where; more than {@link #pendingLimit()} chars not cut is a bug of the subclass,
 * reported as a {@link PluginFailureException}. Chunks never overlap and cover the input. Runs
 * with such a chunker cannot be checkpointed (it reports no resume point), but may start after a
 * prefix such as a byte order mark ({@link ResumePoint#after}). Not thread-safe, like every
 * chunker.
 */
public abstract class TextChunker implements Chunker {
    /** Text is handed to {@link #cut} after every this many chars decoded at most. */
    private static final int SLICE = 4096;

    private final String strategy;
    private final DocumentId document;
    private final ChunkingOptions options;
    private final TokenCounter counter;
    private final ChunkSink sink;
    private final boolean tokens;
    private final long pendingLimit;

    private final StringBuilder text = new StringBuilder(); // decoded, not cut yet from head on
    private int head;
    private long byteAt; // source offsets of text[head]
    private long codePointAt;
    private long charsDecoded; // chars ever appended, to place the replacements
    private final ArrayDeque<long[]> replaced = new ArrayDeque<>(); // {char position, source bytes} of each U+FFFD
    private final byte[] carry = new byte[4]; // an incomplete UTF-8 sequence at the end of the last feed
    private int carryLength;
    private char highSurrogate; // a high surrogate at the end of the last char feed
    private long highSurrogateIndex; // its char index
    private long charsFed; // chars of char input so far, for the index a lone surrogate is reported at
    private long index;
    private long bytesFed;
    private long decodedBytes; // byte offset of the next byte to decode
    private long replacements;
    private boolean finished;
    private boolean closed;
    private boolean failed;

    /**
     * Sets the chunker up.
     *
     * @param strategy the strategy's name, stamped on every chunk
     * @param document the document, stamped on every chunk
     * @param options sizes, unit and malformed-input policy
     * @param counter the counter used when the unit is tokens
     * @param sink receives the chunks
     * @param from {@link ResumePoint#START}, or a fresh start after a prefix ({@link ResumePoint#after})
     * @throws ResumeUnsupportedException if {@code from} is a checkpoint to resume from
     */
    protected TextChunker(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink,
                          ResumePoint from) {
        this(fresh(strategy, document, options, counter, sink, from), strategy, document, options, counter, sink);
    }

    /** Sets the fields, once {@link #fresh} has checked the arguments (before any field is set). */
    private TextChunker(ResumePoint from, String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter,
                        ChunkSink sink) {
        this.strategy = strategy;
        this.document = document;
        this.options = options;
        this.counter = counter;
        this.sink = sink;
        this.tokens = options.unit() == SizeUnit.TOKENS;
        long maxCodePoints = tokens ? Math.min(1L << 26, (long) options.maxSize() * counter.maxCodePointsPerToken())
                : options.maxSize();
        this.pendingLimit = 4 * maxCodePoints + 4L * SLICE + 16;
        this.byteAt = from.byteOffset();
        this.decodedBytes = from.byteOffset();
        this.codePointAt = from.codePointOffset();
    }

    /** Checks the arguments of the constructor, and returns {@code from} when it is a fresh start. */
    private static ResumePoint fresh(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter,
                                     ChunkSink sink, ResumePoint from) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(sink, "sink");
        if (!from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            throw new ResumeUnsupportedException("strategy '" + strategy + "' cannot resume from a checkpoint (index "
                    + from.nextIndex() + "); delete the checkpoint and start over");
        }
        return from;
    }

    /**
     * Decides the next chunk: returns how many chars at the start of {@code pending} make it, or
     * 0 to wait for more text. Called after each piece of input is decoded and again after each
     * chunk, while text is pending; with {@code end} true the input is over, and it must then
     * return more than 0. The chunk is then handed to the sink, and {@code pending} starts after
     * it on the next call.
     *
     * @param pending the text decoded and not cut yet, from where the next chunk starts; valid
     *     during the call only
     * @param end whether the input is over, so that {@code pending} is all that is left
     * @return the length of the next chunk in chars, 0 to wait; never splits a surrogate pair
     */
    protected abstract int cut(CharSequence pending, boolean end);

    /**
     * Returns the options the chunker was opened with.
     *
     * @return the options
     */
    protected final ChunkingOptions options() {
        return options;
    }

    /**
     * Returns the size of a text in the options' unit: code points, or tokens of the counter.
     *
     * @param text any text
     * @return its size
     */
    protected final long size(CharSequence text) {
        return tokens ? counter.count(text) : Character.codePointCount(text, 0, text.length());
    }

    /**
     * Returns the length in chars of the longest start of a text that fits the maximum size and
     * ends on a grapheme cluster boundary, as the {@code character} strategy cuts: for a text too
     * long for one chunk. A cluster larger than the maximum on its own is cut between code points.
     *
     * @param text text that is longer than the maximum, or that ends the input
     * @return from 1 to {@code text.length()}
     */
    protected final int longestFit(CharSequence text) {
        return Clusters.longestFit(text, options.maxSize(), tokens ? counter : null);
    }

    /**
     * Returns how many chars may be pending without a cut before the chunker fails: four times
     * the code points of the largest chunk, and a few thousand more.
     *
     * @return the bound
     */
    protected final long pendingLimit() {
        return pendingLimit;
    }

    @Override
    public final void feed(byte[] utf8, int offset, int length) {
        checkUsable();
        Objects.checkFromIndexSize(offset, length, utf8.length);
        if (highSurrogate != 0) {
            fail(MalformedInputException.loneSurrogate(highSurrogate, highSurrogateIndex, bytesFed));
        }
        bytesFed += length;
        try {
            for (int at = offset, end = offset + length, n; at < end; at += n) {
                n = Math.min(SLICE, end - at);
                decode(utf8, at, n, false);
                drain(false);
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public final void feed(CharSequence chars) {
        checkUsable();
        if (carryLength > 0) {
            fail(new MalformedInputException(decodedBytes, Arrays.copyOf(carry, carryLength),
                    "UTF-8 sequence cut short by a char feed"));
        }
        try {
            for (int at = 0, end = chars.length(); at < end; ) {
                int stop = Math.min(end, at + SLICE);
                for (; at < stop; at++) {
                    append(chars.charAt(at));
                }
                drain(false);
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public final void finish() {
        if (closed || failed) {
            checkUsable();
        }
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (highSurrogate != 0) {
                throw MalformedInputException.loneSurrogate(highSurrogate, highSurrogateIndex, bytesFed);
            }
            decode(new byte[0], 0, 0, true);
            drain(true);
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
    public final long replacements() {
        return replacements;
    }

    @Override
    public void close() {
        closed = true;
        text.setLength(0);
        head = 0;
    }

    /** Appends one char of a char feed, pairing surrogates across feeds. */
    private void append(char c) {
        long at = charsFed++;
        if (highSurrogate != 0) {
            if (!Character.isLowSurrogate(c)) {
                throw MalformedInputException.loneSurrogate(highSurrogate, highSurrogateIndex, bytesFed);
            }
            text.append(highSurrogate).append(c);
            highSurrogate = 0;
            bytesFed += 4;
            decodedBytes += 4;
            charsDecoded += 2;
        } else if (Character.isHighSurrogate(c)) {
            highSurrogate = c;
            highSurrogateIndex = at;
        } else if (Character.isLowSurrogate(c)) {
            throw MalformedInputException.loneSurrogate(c, at, bytesFed);
        } else {
            text.append(c);
            int n = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            bytesFed += n;
            decodedBytes += n;
            charsDecoded++;
        }
    }

    /** Decodes bytes after the carried incomplete sequence; malformed input is reported or replaced. */
    private void decode(byte[] bytes, int offset, int length, boolean end) {
        byte[] buf = bytes;
        int i = offset;
        int limit = offset + length;
        if (carryLength > 0) {
            buf = new byte[carryLength + length];
            System.arraycopy(carry, 0, buf, 0, carryLength);
            System.arraycopy(bytes, offset, buf, carryLength, length);
            i = 0;
            limit = buf.length;
            carryLength = 0;
        }
        while (i < limit) {
            int lead = buf[i];
            if (lead >= 0) {
                text.append((char) lead);
                charsDecoded++;
                decodedBytes++;
                i++;
                continue;
            }
            lead &= 0xFF;
            int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
            int lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80; // no overlong forms
            int hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF; // no surrogates, nothing above U+10FFFF
            int cp = lead & (0x3F >> need);
            int k = 1;
            for (int b; k <= need && i + k < limit; k++) {
                b = buf[i + k] & 0xFF;
                if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
                    break;
                }
                cp = cp << 6 | b & 0x3F;
            }
            if (need > 0 && k > need) {
                text.appendCodePoint(cp);
                charsDecoded += Character.charCount(cp);
            } else if (need > 0 && i + k == limit && !end) {
                carryLength = limit - i; // may still be completed by the next feed
                System.arraycopy(buf, i, carry, 0, carryLength);
                return;
            } else if (options.malformedInput() == MalformedInputPolicy.REPORT) {
                String reason = need == 0 ? "byte that cannot start a UTF-8 sequence"
                        : i + k < limit ? "invalid continuation byte" : "sequence truncated by the end of input";
                throw new MalformedInputException(decodedBytes, Arrays.copyOfRange(buf, i, Math.min(limit, i + k + 1)), reason);
            } else {
                replaced.add(new long[] {charsDecoded, k}); // one U+FFFD per maximal ill-formed subpart
                text.append('\uFFFD');
                charsDecoded++;
            }
            decodedBytes += k;
            i += k;
        }
    }

    /** Cuts chunks off the pending text while the subclass finds them. */
    private void drain(boolean end) {
        while (text.length() > head) {
            int pending = text.length() - head;
            int n = cut(CharBuffer.wrap(text, head, text.length()), end);
            if (n == 0 && !end) {
                break;
            }
            if (n <= 0 || n > pending || n < pending && Character.isLowSurrogate(text.charAt(head + n))) {
                throw new PluginFailureException("strategy '" + strategy + "': cut returned " + n + " for " + pending
                        + " pending chars" + (end ? " at the end of the input" : "") + "; return 1 to " + pending
                        + (end ? "" : ", or 0 to wait") + ", never inside a surrogate pair");
            }
            emit(n);
        }
        if (text.length() - head > pendingLimit) {
            throw new PluginFailureException("strategy '" + strategy + "' holds " + (text.length() - head) + " chars without"
                    + " cutting a chunk, more than the bound of " + pendingLimit + " (4 x the largest chunk's code points and a"
                    + " few thousand); its cut must return a length once it has seen enough");
        }
        if (head > SLICE && head > text.length() / 2) {
            text.delete(0, head);
            head = 0;
        }
    }

    private void emit(int n) {
        String chunk = text.substring(head, head + n);
        head += n;
        long codePoints = chunk.codePointCount(0, n);
        long bytes = Utf8Text.encodedLength(chunk);
        int replacedHere = 0;
        long chunkEnd = charsDecoded - (text.length() - head);
        while (!replaced.isEmpty() && replaced.peek()[0] < chunkEnd) {
            bytes += replaced.poll()[1] - 3;
            replacedHere++;
        }
        long size = tokens ? counter.count(chunk) : codePoints;
        Chunk c = new Chunk(document, index, Utf8Text.of(chunk), codePointAt, codePointAt + codePoints, byteAt, byteAt + bytes,
                (int) Math.min(Integer.MAX_VALUE, size), options.unit(), strategy, ChunkMetadata.NONE, replacedHere);
        codePointAt += codePoints;
        byteAt += bytes;
        replacements += replacedHere;
        index++;
        sink.accept(c);
    }

    private void fail(RuntimeException e) {
        failed = true;
        throw e;
    }

    private void checkUsable() {
        if (failed) {
            throw new ChunkerStateException("the chunker stopped when its input, sink or token counter failed; open a new one");
        }
        if (closed || finished) {
            throw new ChunkerStateException("feed called on a " + (closed ? "closed" : "finished") + " chunker; open a new one");
        }
    }
}
