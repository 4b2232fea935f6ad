package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the state a structure-aware chunker keeps in a resume point: a header (format version
 * and strategy name) and then, in an order only the matching {@link StateReader} calls know,
 * numbers, flags, texts and offsets. Window offsets are written relative to an origin (the
 * chunker's window start) because a resumed chunker's window starts at the source offset of
 * that point; the reader adds its own origin back. Not thread-safe.
 */
final class StateWriter {
    /**
     * The version of the layout; raise it when any writer changes what or in which order it writes, or when the
     * chunks a resumed chunker makes change (4: chunks end before headings; 5: {@code hierarchical} cuts each level from
     * its parents' text), so an older point is refused.
     */
    static final int FORMAT = 5;
    static final int MAGIC = 0xC5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final long origin;

    /**
     * Starts a state.
     *
     * @param strategy the strategy's name, checked on reading
     * @param origin the window offset that relative offsets are measured from
     */
    StateWriter(String strategy, long origin) {
        this.origin = origin;
        out.write(MAGIC);
        out.write(FORMAT);
        text(strategy);
    }

    /** Writes a number, zig-zag varint coded so small and negative ones take few bytes. */
    StateWriter number(long v) {
        long z = v << 1 ^ v >> 63;
        while ((z & ~0x7FL) != 0) {
            out.write((int) (z & 0x7F | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return this;
    }

    /** Writes a window offset relative to the origin; negative values and {@link Long#MAX_VALUE} are kept as they are (markers such as -1). */
    StateWriter offset(long windowOffset) {
        if (windowOffset < 0 || windowOffset == Long.MAX_VALUE) {
            out.write(0);
            return number(windowOffset);
        }
        out.write(1);
        return number(windowOffset - origin);
    }

    StateWriter flag(boolean b) {
        out.write(b ? 1 : 0);
        return this;
    }

    StateWriter decimal(double d) {
        return number(Double.doubleToRawLongBits(d));
    }

    /** Writes a text, or null. */
    StateWriter text(String s) {
        if (s == null) {
            return number(-1);
        }
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    StateWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    StateWriter bytes(byte[] b, int from, int length) {
        number(length);
        out.write(b, from, length);
        return this;
    }

    StateWriter floats(float[] v) {
        if (v == null) {
            return number(-1);
        }
        number(v.length);
        for (float f : v) {
            int bits = Float.floatToRawIntBits(f);
            out.write(bits >>> 24);
            out.write(bits >>> 16);
            out.write(bits >>> 8);
            out.write(bits);
        }
        return this;
    }

    StateWriter texts(List<String> list) {
        number(list.size());
        list.forEach(this::text);
        return this;
    }

    /** Writes the offsets of a {@link Positions} list. */
    StateWriter positions(Positions p) {
        long[] all = p.toArray();
        number(all.length);
        for (long at : all) {
            offset(at);
        }
        return this;
    }

    /** Writes a chunk but for its document, strategy and unit, which the resumed chunker knows. */
    StateWriter chunk(Chunk c) {
        bytes(c.content().toByteArray());
        number(c.content().codePointLength()).number(c.index()).number(c.start()).number(c.end()).number(c.byteStart()).number(c.byteEnd())
                .number(c.size()).number(c.replacements());
        ChunkMetadata m = c.metadata();
        texts(m.headings()).number(m.level()).text(m.id().orElse(null)).text(m.parent().orElse(null));
        number(m.attributes().size());
        for (Map.Entry<String, String> e : m.attributes().entrySet()) {
            text(e.getKey()).text(e.getValue());
        }
        return this;
    }

    /** The state's bytes. */
    byte[] toByteArray() {
        return out.toByteArray();
    }
}
