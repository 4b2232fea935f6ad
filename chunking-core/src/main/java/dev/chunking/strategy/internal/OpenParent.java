package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.TokenCounter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chunk of a coarser {@code hierarchical} level being packed: its range, its bytes, and the
 * children it holds back. A child is emitted once its parent is certain, which is when a later
 * child of the same parent ends a paragraph (the parent will not be cut before it) or the parent
 * closes; until then it is held, since the parent may still be cut at an earlier paragraph end and
 * the held children start the next parent. Held children lie within the open chunk (with an
 * overlap, each repeats at most the overlap of the one before); a resume point's state keeps only
 * their ranges, sizes and ids, since their text is a slice of the open chunk's. Not thread-safe.
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
    /** The chunk's size through that paragraph end, in the level's unit. */
    long paragraphSize;
    /** Members after the latest paragraph end, not yet emitted, in order: {@code held} of them. */
    int held;
    private long[] heldStart = new long[8];
    private long[] heldEnd = new long[8];
    private long[] heldByteStart = new long[8];
    private long[] heldByteEnd = new long[8];
    private int[] heldSize = new int[8];
    @SuppressWarnings("unchecked")
    private Optional<String>[] heldId = new Optional[8];
    private Utf8Text[] heldText = new Utf8Text[8];

    /** Starts an empty chunk at {@code c}'s start. */
    void start(Chunk c) {
        active = true;
        start = c.start();
        byteStart = c.byteStart();
        end = c.start();
        byteEnd = c.byteStart();
        length = 0;
        paragraphLength = 0;
        clearHeld();
    }

    /**
     * Forgets the held members (they were emitted). Their texts stay referenced until overwritten:
     * at most as many as the most members one chunk held, which is cheaper than clearing them each time.
     */
    void clearHeld() {
        held = 0;
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

    /** Holds a member just appended, whose parent is not yet certain. */
    void hold(Chunk c, Optional<String> id) {
        hold(c.start(), c.end(), c.byteStart(), c.byteEnd(), c.size(), id, c.content());
    }

    private void hold(long memberStart, long memberEnd, long memberByteStart, long memberByteEnd, int size, Optional<String> id,
                      Utf8Text text) {
        if (held == heldStart.length) {
            int n = held * 2;
            heldStart = Arrays.copyOf(heldStart, n);
            heldEnd = Arrays.copyOf(heldEnd, n);
            heldByteStart = Arrays.copyOf(heldByteStart, n);
            heldByteEnd = Arrays.copyOf(heldByteEnd, n);
            heldSize = Arrays.copyOf(heldSize, n);
            heldId = Arrays.copyOf(heldId, n);
            heldText = Arrays.copyOf(heldText, n);
        }
        heldStart[held] = memberStart;
        heldEnd[held] = memberEnd;
        heldByteStart[held] = memberByteStart;
        heldByteEnd[held] = memberByteEnd;
        heldSize[held] = size;
        heldId[held] = id;
        heldText[held] = text;
        held++;
    }

    /**
     * Returns the {@code i}th held member.
     *
     * @param level the members' level
     * @param parent the id of the chunk, their parent
     */
    Chunk held(int i, DocumentId document, String strategy, SizeUnit unit, int level, Optional<String> parent, long index) {
        return new Chunk(document, index, heldText[i], heldStart[i], heldEnd[i], heldByteStart[i], heldByteEnd[i], heldSize[i], unit,
                strategy, new ChunkMetadata(List.of(), level, heldId[i], parent, Map.of()), 0);
    }

    /** Marks the chunk's current end as a paragraph end, where it has {@code size} units. */
    void markParagraphEnd(long size) {
        paragraphLength = length;
        paragraphEnd = end;
        paragraphSize = size;
    }

    /**
     * Makes the held members the whole chunk: it now starts where the first of them starts (they
     * lie after its latest paragraph end, so it has none). The members stay held.
     */
    void restartAtHeld() {
        int from = (int) (heldByteStart[0] - byteStart);
        System.arraycopy(bytes, from, bytes, 0, length - from);
        length -= from;
        start = heldStart[0];
        byteStart = heldByteStart[0];
        paragraphLength = 0;
    }

    /**
     * Returns the chunk as it stands, or through its latest paragraph end only.
     *
     * @param throughParagraph whether to end at the latest paragraph end
     * @param counter the token counter, null when sizing in code points
     * @param level the chunk's level, in its metadata
     * @param id the chunk's id, in its metadata
     */
    Chunk toChunk(DocumentId document, String strategy, boolean throughParagraph, TokenCounter counter, int level,
                  Optional<String> id) {
        int bytesThrough = throughParagraph ? paragraphLength : length;
        long through = throughParagraph ? paragraphEnd : end;
        long byteThrough = byteStart + bytesThrough; // the bytes are the source's own (malformed input is refused)
        int codePoints = (int) (through - start);
        Utf8Text text = Utf8Text.copyOf(bytes, 0, bytesThrough, codePoints);
        int size = counter == null ? codePoints : throughParagraph ? (int) paragraphSize : counter.count(text); // counted when marked
        return new Chunk(document, 0, text, start, through, byteStart, byteThrough, size,
                counter == null ? SizeUnit.CHARS : SizeUnit.TOKENS, strategy, new ChunkMetadata(List.of(), level, id, Optional.empty(),
                Map.of()), 0);
    }

    /** Writes the chunk, its paragraph end and its held members into a resume point's state. */
    void write(StateWriter out) {
        out.flag(active);
        if (!active) {
            return;
        }
        out.number(start).number(byteStart).number(end).number(byteEnd).bytes(bytes, 0, length);
        out.number(paragraphLength).number(paragraphEnd).number(paragraphSize);
        out.number(held);
        for (int i = 0; i < held; i++) {
            out.number(heldStart[i]).number(heldEnd[i]).number(heldByteStart[i]).number(heldByteEnd[i]).number(heldSize[i])
                    .text(heldId[i].orElse(null));
        }
    }

    /** Reads what {@link #write} wrote. */
    void read(StateReader in) {
        active = in.flag();
        clearHeld();
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
        paragraphSize = in.number();
        long n = in.number();
        for (long i = 0; i < n; i++) {
            long s = in.number();
            long e = in.number();
            long bs = in.number();
            long be = in.number();
            hold(s, e, bs, be, (int) in.number(), Optional.ofNullable(in.text()),
                    Utf8Text.copyOf(bytes, (int) (bs - byteStart), (int) (be - bs), (int) (e - s)));
        }
    }
    /** Whether the chunk as it stands ends a paragraph: see {@link #endsParagraph(byte[], int)}. */
    boolean endsParagraph() {
        return endsParagraph(bytes, length);
    }

    /**
     * Whether text ends a paragraph: its trailing white space holds a blank line (two line breaks;
     * CR LF counts once).
     *
     * @param utf8 the text
     * @param length its length in bytes
     */
    static boolean endsParagraph(byte[] utf8, int length) {
        int breaks = 0;
        for (int i = length - 1; i >= 0; i--) {
            byte b = utf8[i];
            if (b == '\n') {
                breaks++;
            } else if (b == '\r') {
                if (i + 1 >= length || utf8[i + 1] != '\n') {
                    breaks++;
                }
            } else if (b != ' ' && b != '\t' && b != '\f' && b != 0x0B) {
                return false;
            }
            if (breaks >= 2) {
                return true;
            }
        }
        return false;
    }
}
