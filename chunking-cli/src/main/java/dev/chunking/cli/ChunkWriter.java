package dev.chunking.cli;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Writes chunks in one {@link OutputFormat} to a byte stream as UTF-8. JSON is written
 * straight from each chunk's UTF-8 bytes ({@link Utf8Text#copyBytes} into one reused array),
 * escaped on bytes eight at a time, so no chunk text is decoded to UTF-16 or copied to an array
 * of its own; numbers are written as digits without a {@link String}. Field names and order are stable, since other programs read them; the
 * structure fields ({@code headings}, {@code level}, {@code id}, {@code parent},
 * {@code attributes}) are written only when they apply. Each chunk reaches the stream in one
 * piece (or in buffer-sized pieces for a chunk larger than the buffer) before {@link #write}
 * returns, so a caller's flush of the stream holds every chunk written. Not thread-safe.
 */
public final class ChunkWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** For each byte: 0 when written as is, else the letter after the backslash ({@code u} for {@code \}{@code u00XX}). */
    private static final byte[] ESCAPE = new byte[256];
    /** The longest escape, {@code \}{@code u00XX}. */
    private static final int MAX_ESCAPE = 6;
    private static final int BUFFER = 1 << 16;
    /** The text taken at a time: escaped, it fills at most {@code 6 ×} as many bytes of the buffer. */
    private static final int SEGMENT = 1 << 12;
    /** Reads eight bytes of an array as one long, the first byte lowest. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] TEXT = ascii(", \"text\": ");
    private static final byte[] START = ascii(", \"start\": ");
    private static final byte[] END = ascii(", \"end\": ");
    private static final byte[] BYTE_START = ascii(", \"byteStart\": ");
    private static final byte[] BYTE_END = ascii(", \"byteEnd\": ");
    private static final byte[] SIZE = ascii(", \"size\": ");

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private final OutputFormat format;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private final byte[] segment = new byte[SEGMENT + Long.BYTES]; // a word read at its end stays inside
    private int pending;

    /** The document whose opening ({@code {"document": "...", "index": }) is {@link #documentHead}; ids repeat for a file's chunks. */
    private DocumentId document;
    private byte[] documentHead;
    /** The unit and strategy whose fields ({@code , "unit": "...", "strategy": "..."}) are {@link #unitAndStrategy}. */
    private SizeUnit unit;
    private String strategy;
    private byte[] unitAndStrategy;

    /**
     * Creates a writer.
     *
     * @param format the format
     * @param out the destination; the caller flushes and closes it
     */
    public ChunkWriter(OutputFormat format, OutputStream out) {
        this.format = format;
        this.out = out;
    }

    /**
     * Writes one chunk (nothing for {@link OutputFormat#STATS}).
     *
     * @param chunk the chunk
     * @throws IOException if writing fails
     */
    public void write(Chunk chunk) throws IOException {
        switch (format) {
            case JSONL -> json(chunk);
            case OFFSETS -> offsets(chunk);
            default -> {
                return;
            }
        }
        drain();
    }

    /**
     * Writes the per-file summary line of {@link OutputFormat#STATS} (nothing for other formats).
     *
     * @param document the file name
     * @param stats what was counted
     * @param seconds time the file took
     * @throws IOException if writing fails
     */
    public void summary(String document, ChunkStats stats, double seconds) throws IOException {
        if (format != OutputFormat.STATS) {
            return;
        }
        double mbPerSecond = seconds > 0 ? stats.bytes() / 1e6 / seconds : 0;
        drain();
        out.write(String.format(Locale.ROOT, "%s\tchunks %d\tsize min %d mean %.1f max %d %s\tbytes %d\t%.1f MB/s%n", document,
                stats.chunks(), stats.minSize(), stats.meanSize(), stats.maxSize(), stats.unit(), stats.bytes(), mbPerSecond)
                .getBytes(StandardCharsets.UTF_8));
    }

    private void offsets(Chunk c) throws IOException {
        room(6 * 20 + 6);
        digits(c.index());
        buffer[pending++] = '\t';
        digits(c.start());
        buffer[pending++] = '\t';
        digits(c.end());
        buffer[pending++] = '\t';
        digits(c.byteStart());
        buffer[pending++] = '\t';
        digits(c.byteEnd());
        buffer[pending++] = '\t';
        digits(c.size());
        buffer[pending++] = '\n';
    }

    private void json(Chunk c) throws IOException {
        if (!c.document().equals(document)) {
            documentHead = concat(ascii("{\"document\": "), jsonString(c.document().value()), ascii(", \"index\": "));
            document = c.document();
        }
        if (c.unit() != unit || !c.strategy().equals(strategy)) {
            // the label as the writer always wrote it: char by char, a label being ASCII
            unitAndStrategy = concat(ascii(", \"unit\": \"" + c.unit().label() + "\", \"strategy\": "), jsonString(c.strategy()));
            unit = c.unit();
            strategy = c.strategy();
        }
        raw(documentHead);
        room(20);
        digits(c.index());
        raw(TEXT);
        text(c.content());
        field(START, c.start());
        field(END, c.end());
        field(BYTE_START, c.byteStart());
        field(BYTE_END, c.byteEnd());
        field(SIZE, c.size());
        raw(unitAndStrategy);
        if (c.metadata() != ChunkMetadata.NONE) {
            metadata(c.metadata());
        }
        room(2);
        buffer[pending++] = '}';
        buffer[pending++] = '\n';
    }

    /** The structure fields, rare enough (one per chunk of the structure-aware strategies) to go through arrays. */
    private void metadata(ChunkMetadata metadata) throws IOException {
        if (!metadata.headings().isEmpty()) {
            raw(ascii(", \"headings\": ["));
            for (int i = 0; i < metadata.headings().size(); i++) {
                raw(ascii(i == 0 ? "" : ", "));
                raw(jsonString(metadata.headings().get(i)));
            }
            raw(ascii("]"));
        }
        if (metadata.level() > 0) {
            raw(ascii(", \"level\": " + metadata.level()));
        }
        if (metadata.id().isPresent()) {
            raw(ascii(", \"id\": "));
            raw(jsonString(metadata.id().get()));
        }
        if (metadata.parent().isPresent()) {
            raw(ascii(", \"parent\": "));
            raw(jsonString(metadata.parent().get()));
        }
        if (!metadata.attributes().isEmpty()) {
            raw(ascii(", \"attributes\": {"));
            String separator = "";
            for (Map.Entry<String, String> attribute : metadata.attributes().entrySet()) {
                raw(ascii(separator));
                raw(jsonString(attribute.getKey()));
                raw(ascii(": "));
                raw(jsonString(attribute.getValue()));
                separator = ", ";
            }
            raw(ascii("}"));
        }
    }

    /**
     * Writes UTF-8 text as a JSON string: quotes, backslashes and controls escaped, every other
     * byte (all of a multi-byte sequence, DEL, U+2028) as is. The text is taken a segment at a
     * time into an array ({@link Utf8Text#copyBytes}, one copy of bytes that stay UTF-8), then
     * to the buffer eight bytes at a time, each word tested for an escape at once.
     */
    private void text(Utf8Text text) throws IOException {
        room(1);
        buffer[pending++] = '"';
        int length = text.byteLength();
        byte[] in = segment;
        for (int from = 0; from < length; from += SEGMENT) {
            int n = Math.min(SEGMENT, length - from);
            room(n * MAX_ESCAPE + Long.BYTES); // a word is stored whole, even when fewer of its bytes count
            text.copyBytes(from, from + n, in, 0);
            byte[] out = buffer;
            int at = pending;
            int i = 0;
            while (i < n) {
                // eight bytes at a time, stored before they are looked at: most words need no escape
                long word = (long) WORDS.get(in, i);
                WORDS.set(out, at, word);
                long found = escapes(word);
                int valid = n - i;
                if (valid < Long.BYTES) {
                    found &= (1L << (valid << 3)) - 1; // the bytes past the segment are left over from before
                }
                if (found == 0) {
                    int step = Math.min(Long.BYTES, valid);
                    i += step;
                    at += step;
                    continue;
                }
                int clean = Long.numberOfTrailingZeros(found) >>> 3;
                i += clean;
                at += clean;
                byte c = in[i++];
                byte escape = ESCAPE[c & 0xFF];
                out[at++] = '\\';
                out[at++] = escape;
                if (escape == 'u') {
                    out[at++] = '0';
                    out[at++] = '0';
                    out[at++] = HEX[c >> 4];
                    out[at++] = HEX[c & 0xF];
                }
            }
            pending = at;
        }
        room(1);
        buffer[pending++] = '"';
    }

    /**
     * The high bit of each byte of a little-endian word that is a control (below 0x20), a quote
     * or a backslash. A borrow can mark a byte above a marked one too, never below, so the
     * lowest mark is exact; bytes from 0x80 (UTF-8 beyond ASCII) are never marked.
     */
    static long escapes(long word) {
        long control = (word - 0x2020202020202020L) & ~word;
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        return (control | ((quote - 0x0101010101010101L) & ~quote) | ((backslash - 0x0101010101010101L) & ~backslash))
                & 0x8080808080808080L;
    }

    /** Writes {@code , "name": } and a number. */
    private void field(byte[] name, long value) throws IOException {
        room(name.length + 20);
        System.arraycopy(name, 0, buffer, pending, name.length);
        pending += name.length;
        digits(value);
    }

    /** Writes a number in decimal, as {@link Long#toString(long)} does; room for 20 bytes is the caller's. */
    private void digits(long value) {
        if (value < 0) {
            for (byte b : ascii(Long.toString(value))) {
                buffer[pending++] = b;
            }
            return;
        }
        if (value > Integer.MAX_VALUE) {
            for (byte b : ascii(Long.toString(value))) {
                buffer[pending++] = b;
            }
            return;
        }
        int rest = (int) value; // every offset of a file under 2 GiB: int division is the cheaper
        int length = 1;
        for (int n = rest / 10; n > 0; n /= 10) {
            length++;
        }
        int at = pending + length;
        do {
            int next = rest / 10;
            buffer[--at] = (byte) ('0' + rest - next * 10);
            rest = next;
        } while (rest > 0);
        pending += length;
    }

    private void raw(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length - pending) {
            drain();
            if (bytes.length > buffer.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, pending, bytes.length);
        pending += bytes.length;
    }

    /** Makes room for {@code n} bytes (at most the buffer's size) by draining the buffer when needed. */
    private void room(int n) throws IOException {
        if (buffer.length - pending < n) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (pending > 0) {
            out.write(buffer, 0, pending);
            pending = 0;
        }
    }

    /** A string as a quoted, escaped JSON string, from its UTF-8 encoding (where a lone surrogate is {@code ?}). */
    private static byte[] jsonString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] quoted = new byte[utf8.length * MAX_ESCAPE + 2];
        int at = 0;
        quoted[at++] = '"';
        for (byte b : utf8) {
            byte escape = ESCAPE[b & 0xFF];
            if (escape == 0) {
                quoted[at++] = b;
                continue;
            }
            quoted[at++] = '\\';
            quoted[at++] = escape;
            if (escape == 'u') {
                quoted[at++] = '0';
                quoted[at++] = '0';
                quoted[at++] = HEX[b >> 4];
                quoted[at++] = HEX[b & 0xF];
            }
        }
        quoted[at++] = '"';
        return Arrays.copyOf(quoted, at);
    }

    /** The low byte of each char, as the writer has always written its fixed (ASCII) text. */
    private static byte[] ascii(String s) {
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            bytes[i] = (byte) s.charAt(i);
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
