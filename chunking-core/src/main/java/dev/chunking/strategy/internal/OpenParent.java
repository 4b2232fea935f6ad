package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chunk of a coarser {@code hierarchical} level being packed: its range, its bytes, and the
 * children it holds back. A child is emitted once its parent is certain, which is when a later
 * child of the same parent ends a paragraph (the parent will not be cut before it) or the parent
 * closes; until then it is held, since the parent may still be cut at an earlier paragraph end and
 * the held children start the next parent. Held children lie within the open chunk, so they add
 * at most its size in bytes. Not thread-safe.
 */
final class OpenParent {
    boolean active;
    long start;
    long byteStart;
    long end;
    long byteEnd;
    byte[] bytes = new byte[256];
    int length;
    /** The latest paragraph end among the members, as the length of {@link #bytes} there; 0 when none. */
    int paragraphLength;
    long paragraphEnd;
    long paragraphByteEnd;
    /** The chunk's size through that paragraph end, in the level's unit. */
    long paragraphSize;
    /** Members after the latest paragraph end, not yet emitted: their own id and level, no parent. */
    final List<Chunk> held = new ArrayList<>();

    /** Starts an empty chunk at {@code c}'s start. */
    void start(Chunk c) {
        active = true;
        start = c.start();
        byteStart = c.byteStart();
        end = c.start();
        byteEnd = c.byteStart();
        length = 0;
        paragraphLength = 0;
        held.clear();
    }

    /** Adds the part of {@code c} after the chunk's end to it (consecutive chunks may overlap). */
    void append(Chunk c) {
        int from = (int) (Math.max(byteEnd, c.byteStart()) - c.byteStart());
        int n = c.content().byteLength() - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        c.content().copyBytes(from, from + n, bytes, length);
        length += n;
        end = c.end();
        byteEnd = c.byteEnd();
    }

    /** Marks the chunk's current end as a paragraph end, where it has {@code size} units. */
    void markParagraphEnd(long size) {
        paragraphLength = length;
        paragraphEnd = end;
        paragraphByteEnd = byteEnd;
        paragraphSize = size;
    }

    /**
     * Returns the chunk as it stands, or through its latest paragraph end only.
     *
     * @param throughParagraph whether to end at the latest paragraph end
     * @param counter the token counter, null when sizing in code points
     */
    Chunk toChunk(DocumentId document, String strategy, boolean throughParagraph, TokenCounter counter) {
        int bytesThrough = throughParagraph ? paragraphLength : length;
        long through = throughParagraph ? paragraphEnd : end;
        long byteThrough = throughParagraph ? paragraphByteEnd : byteEnd;
        int codePoints = (int) (through - start);
        Utf8Text text = Utf8Text.copyOf(bytes, 0, bytesThrough, codePoints);
        int size = counter == null ? codePoints : counter.count(text);
        return new Chunk(document, 0, text, start, through, byteStart, byteThrough, size,
                counter == null ? SizeUnit.CHARS : SizeUnit.TOKENS, strategy, ChunkMetadata.NONE, 0);
    }

    /** Writes the chunk, its paragraph end and its held children into a resume point's state. */
    void write(StateWriter out) {
        out.flag(active);
        if (!active) {
            return;
        }
        out.number(start).number(byteStart).number(end).number(byteEnd).bytes(bytes, 0, length);
        out.number(paragraphLength).number(paragraphEnd).number(paragraphByteEnd).number(paragraphSize);
        out.number(held.size());
        for (Chunk c : held) {
            out.number(c.start()).number(c.end()).number(c.byteStart()).number(c.byteEnd()).number(c.size())
                    .number(c.metadata().level()).text(c.metadata().id().orElse(null)).bytes(c.content().toByteArray());
        }
    }

    /** Reads what {@link #write} wrote. */
    void read(StateReader in, DocumentId document, String strategy, SizeUnit unit) {
        active = in.flag();
        held.clear();
        if (!active) {
            return;
        }
        start = in.number();
        byteStart = in.number();
        end = in.number();
        byteEnd = in.number();
        bytes = in.bytes();
        length = bytes.length;
        paragraphLength = (int) in.number();
        paragraphEnd = in.number();
        paragraphByteEnd = in.number();
        paragraphSize = in.number();
        long n = in.number();
        for (long i = 0; i < n; i++) {
            long s = in.number();
            long e = in.number();
            long bs = in.number();
            long be = in.number();
            int size = (int) in.number();
            int level = (int) in.number();
            Optional<String> id = Optional.ofNullable(in.text());
            byte[] content = in.bytes();
            held.add(new Chunk(document, 0, Utf8Text.copyOf(content, 0, content.length, (int) (e - s)), s, e, bs, be, size, unit,
                    strategy, new ChunkMetadata(List.of(), level, id, Optional.empty(), Map.of()), 0));
        }
    }

    /**
     * Whether a chunk ends a paragraph: its trailing white space holds a blank line (two line
     * breaks; CR LF counts once).
     */
    static boolean endsParagraph(Utf8Text content) {
        int breaks = 0;
        for (int i = content.byteLength() - 1; i >= 0; i--) {
            byte b = content.byteAt(i);
            if (b == '\n') {
                breaks++;
            } else if (b == '\r') {
                if (i + 1 >= content.byteLength() || content.byteAt(i + 1) != '\n') {
                    breaks++;
                }
            } else if (b != ' ' && b != '\t' && b != '\f' && b != 0x0B) {
                break;
            }
            if (breaks >= 2) {
                return true;
            }
        }
        return false;
    }
}
