package dev.chunking.strategy.internal;

import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads what a {@link StateWriter} wrote, in the same order, adding the resumed chunker's
 * window origin to relative offsets. A state written by another strategy, another format or
 * cut short is refused with a {@link CheckpointMismatchException} that says to start over.
 * Not thread-safe.
 */
final class StateReader {
    private final byte[] in;
    private final long origin;
    private final String strategy;
    private int at;

    /**
     * Opens a state and checks its header.
     *
     * @param state the bytes of {@link dev.chunking.domain.ResumePoint#state()}
     * @param strategy the strategy that reads it
     * @param origin the window offset relative offsets are added to
     * @throws CheckpointMismatchException if the state was not written by this strategy in this format
     */
    StateReader(byte[] state, String strategy, long origin) {
        this.in = state;
        this.origin = origin;
        this.strategy = strategy;
        if (state.length < 3 || (state[0] & 0xFF) != StateWriter.MAGIC) {
            throw refused("it is not a chunker state (" + state.length + " bytes)");
        }
        if (state[1] != StateWriter.FORMAT) {
            throw refused("its state format is " + state[1] + " and this version reads format " + StateWriter.FORMAT);
        }
        at = 2;
        String writer = text();
        if (!strategy.equals(writer)) {
            throw refused("it was written by strategy '" + writer + "'");
        }
    }

    private CheckpointMismatchException refused(String why) {
        return new CheckpointMismatchException("cannot resume strategy '" + strategy + "' from this checkpoint: " + why
                + "; delete the checkpoint and start over");
    }

    private int next() {
        if (at >= in.length) {
            throw refused("its state ends early, at byte " + at);
        }
        return in[at++] & 0xFF;
    }

    long number() {
        long z = 0;
        for (int shift = 0; ; shift += 7) {
            int b = next();
            z |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                break;
            }
            if (shift > 63) {
                throw refused("a number in its state is malformed at byte " + at);
            }
        }
        return z >>> 1 ^ -(z & 1);
    }

    int integer() {
        long v = number();
        if (v != (int) v) {
            throw refused("a count in its state is out of range: " + v);
        }
        return (int) v;
    }

    long offset() {
        int kind = next();
        long v = number();
        return kind == 0 ? v : origin + v;
    }

    boolean flag() {
        return next() != 0;
    }

    double decimal() {
        return Double.longBitsToDouble(number());
    }

    String text() {
        byte[] b = bytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Reads bytes, or null where null text was written. */
    byte[] bytes() {
        int n = integer();
        if (n < 0) {
            return null;
        }
        if (n > in.length - at) {
            throw refused("its state ends early: " + n + " bytes announced at byte " + at + ", " + (in.length - at) + " left");
        }
        byte[] b = new byte[n];
        System.arraycopy(in, at, b, 0, n);
        at += n;
        return b;
    }

    float[] floats() {
        int n = integer();
        if (n < 0) {
            return null;
        }
        if (n > (in.length - at) / 4) {
            throw refused("its state ends early: " + n + " floats announced at byte " + at);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Float.intBitsToFloat(next() << 24 | next() << 16 | next() << 8 | next());
        }
        return v;
    }

    List<String> texts() {
        int n = integer();
        List<String> list = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            list.add(text());
        }
        return list;
    }

    /** Reads offsets into an empty {@link Positions} list. */
    void positions(Positions p) {
        int n = integer();
        for (int i = 0; i < n; i++) {
            p.add(offset());
        }
    }

    /** Reads a chunk of the given document, strategy and unit. */
    Chunk chunk(DocumentId document, String strategyName, SizeUnit unit) {
        byte[] content = bytes();
        int codePoints = integer();
        long index = number();
        long start = number();
        long end = number();
        long byteStart = number();
        long byteEnd = number();
        int size = integer();
        int replacements = integer();
        List<String> headings = texts();
        int level = integer();
        Optional<String> id = Optional.ofNullable(text());
        Optional<String> parent = Optional.ofNullable(text());
        int n = integer();
        Map<String, String> attributes = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            attributes.put(text(), text());
        }
        try {
            return new Chunk(document, index, Utf8Text.copyOf(content, 0, content.length, codePoints), start, end, byteStart, byteEnd,
                    size, unit, strategyName, new ChunkMetadata(headings, level, id, parent, attributes), replacements);
        } catch (RuntimeException e) {
            throw refused("the chunk held in its state is not valid (" + e.getMessage() + ")");
        }
    }

    /** Checks that everything was read. */
    void end() {
        if (at != in.length) {
            throw refused("its state has " + (in.length - at) + " bytes more than this version reads");
        }
    }
}
