package org.example.chunking;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkerStateException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.CharacterStrategy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The chunker of {@link LinesStrategy}. Lines are cut on the raw bytes ({@code \n} never occurs
 * inside a UTF-8 sequence), so the output does not depend on how the input is fed. A complete line
 * is decoded and added to the pending chunk when the sum fits; a line too long on its own is fed,
 * as bytes, to a {@code character} chunker opened at the line's offsets, whose pieces are passed on.
 * Memory: the pending chunk plus one line of at most {@code 4 * max} code points' bytes. Not thread-safe.
 */
final class LinesChunker implements Chunker {
    private final DocumentId document;
    private final ChunkingOptions options;
    private final TokenCounter counter;
    private final ChunkSink sink;
    private final boolean tokens;
    private final long lineByteCap; // a line with more bytes than this exceeds the maximum for sure

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(); // raw bytes of the current line
    private final StringBuilder pending = new StringBuilder(); // whole lines not emitted yet
    private Chunker splitter; // cuts the current line while it is too long
    private long byteAt; // source offsets of the current line's start, which is also the pending chunk's end
    private long cpAt;
    private long pendingByteStart;
    private long pendingCpStart;
    private long pendingCps;
    private long pendingSize;
    private int pendingReplacements;
    private long lastPieceEnd;
    private long index;
    private long bytesFed;
    private long replacements;
    private char pendingHigh;
    private boolean finished;
    private boolean closed;
    private boolean failed;

    LinesChunker(DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink, long byteStart,
                 long cpStart) {
        this.document = document;
        this.options = options;
        this.counter = counter;
        this.sink = sink;
        this.tokens = options.unit() == SizeUnit.TOKENS;
        this.lineByteCap = 4L * (tokens ? Math.min(1L << 26, (long) options.maxSize() * counter.maxCodePointsPerToken())
                : options.maxSize());
        this.byteAt = byteStart;
        this.cpAt = cpStart;
    }

    @Override
    public void feed(byte[] utf8, int offset, int length) {
        check();
        if (pendingHigh != 0) {
            throw new MalformedInputException(byteAt + line.size(), new byte[0], "lone high surrogate at the end of a char feed");
        }
        Objects.checkFromIndexSize(offset, length, utf8.length);
        feedBytes(utf8, offset, length);
    }

    private void feedBytes(byte[] utf8, int offset, int length) {
        bytesFed += length;
        try {
            for (int end = offset + length, stop; offset < end; offset = stop) {
                stop = offset;
                while (stop < end && utf8[stop] != '\n') {
                    stop++;
                }
                boolean endsLine = stop < end;
                stop += endsLine ? 1 : 0;
                if (splitter != null) {
                    splitter.feed(utf8, offset, stop - offset);
                } else {
                    line.write(utf8, offset, stop - offset);
                    if (line.size() > lineByteCap) {
                        split(line.toByteArray());
                    }
                }
                if (endsLine) {
                    endLine();
                }
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void feed(CharSequence text) {
        check();
        StringBuilder s = new StringBuilder(text.length() + 1);
        if (pendingHigh != 0) {
            s.append(pendingHigh);
            pendingHigh = 0;
        }
        s.append(text);
        if (s.length() > 0 && Character.isHighSurrogate(s.charAt(s.length() - 1))) {
            pendingHigh = s.charAt(s.length() - 1); // its low surrogate may come in the next call
            s.setLength(s.length() - 1);
        }
        for (int i = 0, cp; i < s.length(); i += Character.charCount(cp)) {
            cp = s.codePointAt(i);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                failed = true;
                throw new MalformedInputException(bytesFed, new byte[0], "lone surrogate U+"
                        + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + " in char input");
            }
        }
        byte[] utf8 = s.toString().getBytes(StandardCharsets.UTF_8);
        feedBytes(utf8, 0, utf8.length);
    }

    @Override
    public void finish() {
        if (closed || failed) {
            check();
        }
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (pendingHigh != 0) {
                throw new MalformedInputException(bytesFed, new byte[0], "lone high surrogate at the end of input");
            }
            endLine();
            flush();
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public long bytesFed() {
        return bytesFed;
    }

    @Override
    public long replacements() {
        return replacements + (splitter == null ? 0 : splitter.replacements());
    }

    @Override
    public void close() {
        closed = true;
        if (splitter != null) {
            splitter.close();
            splitter = null;
        }
    }

    /** Ends the current line: it joins the pending chunk if the sum fits, else starts the next one. */
    private void endLine() {
        if (splitter != null) {
            splitter.finish();
            byteAt += splitter.bytesFed();
            cpAt = lastPieceEnd;
            replacements += splitter.replacements();
            splitter.close();
            splitter = null;
            return;
        }
        byte[] raw = line.toByteArray();
        line.reset();
        if (raw.length == 0) {
            return;
        }
        int[] replaced = {0};
        String text = decode(raw, replaced);
        long cps = text.codePointCount(0, text.length());
        if (size(text, cps) > options.maxSize()) {
            split(raw);
            endLine();
            return;
        }
        long merged = pending.length() == 0 ? Long.MAX_VALUE : size(new StringBuilder(pending).append(text), pendingCps + cps);
        if (merged > options.maxSize()) {
            flush();
            pendingByteStart = byteAt;
            pendingCpStart = cpAt;
            merged = size(text, cps);
        }
        pending.append(text);
        pendingCps += cps;
        pendingSize = merged;
        pendingReplacements += replaced[0];
        replacements += replaced[0];
        byteAt += raw.length;
        cpAt += cps;
    }

    /** Hands the current line to a {@code character} chunker opened at its offsets, after the pending chunk. */
    private void split(byte[] raw) {
        flush();
        line.reset();
        ChunkingOptions pieces = options.toBuilder().overlap(0).minSize(0).build();
        splitter = new CharacterStrategy().resume(document, pieces, counter, c -> {
            lastPieceEnd = c.end();
            sink.accept(new Chunk(document, index++, c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(),
                    c.unit(), LinesStrategy.NAME, ChunkMetadata.NONE, c.replacements()));
        }, ResumePoint.after(byteAt, cpAt));
        splitter.feed(raw);
    }

    private void flush() {
        if (pending.length() > 0) {
            sink.accept(new Chunk(document, index++, Utf8Text.of(pending.toString()), pendingCpStart, cpAt, pendingByteStart,
                    byteAt, (int) pendingSize, options.unit(), LinesStrategy.NAME, ChunkMetadata.NONE, pendingReplacements));
            pending.setLength(0);
            pendingCps = 0;
            pendingReplacements = 0;
        }
    }

    private long size(CharSequence text, long codePoints) {
        return tokens ? counter.count(text) : codePoints;
    }

    /** Strict UTF-8 decoding of one whole line; malformed input is reported or replaced as the options say. */
    private String decode(byte[] raw, int[] replaced) {
        StringBuilder out = new StringBuilder(raw.length);
        for (int i = 0; i < raw.length; ) {
            int lead = raw[i] & 0xFF;
            int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
            int lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80; // no overlong forms
            int hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF; // no surrogates, nothing above U+10FFFF
            int cp = lead < 0x80 ? lead : lead & (0x3F >> need);
            int k = 1;
            for (int b; k <= need && i + k < raw.length; k++) {
                b = raw[i + k] & 0xFF;
                if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
                    break;
                }
                cp = cp << 6 | b & 0x3F;
            }
            if (lead < 0x80 || need > 0 && k > need) {
                out.appendCodePoint(cp);
            } else if (options.malformedInput() == MalformedInputPolicy.REPORT) {
                String reason = need == 0 ? "byte that cannot start a UTF-8 sequence"
                        : i + k < raw.length ? "invalid continuation byte" : "sequence truncated by the end of input";
                int end = need == 0 ? i + 1 : Math.min(raw.length, i + k + 1);
                throw new MalformedInputException(byteAt + i, Arrays.copyOfRange(raw, i, end), reason);
            } else {
                out.append('\uFFFD'); // one per maximal ill-formed subpart, as the Unicode standard recommends
                replaced[0]++;
            }
            i += k;
        }
        return out.toString();
    }

    private void check() {
        if (failed) {
            throw new ChunkerStateException("the chunker stopped when its input, sink or token counter failed; open a new one");
        }
        if (closed || finished) {
            throw new ChunkerStateException("feed called on a " + (closed ? "closed" : "finished") + " chunker; open a new one");
        }
    }
}
