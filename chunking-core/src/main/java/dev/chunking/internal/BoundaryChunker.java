package dev.chunking.internal;

import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.TokenCounter;

/**
 * The one-pass engine behind the built-in strategies. It scans UTF-8 once, remembers candidate
 * boundaries by strength (paragraph, line, sentence, word) and the rare positions inside
 * grapheme clusters, and when the window reaches the maximum size it cuts at the latest
 * boundary of the strongest level that fits. No substring is made per candidate; the only
 * copy is the chunk's own UTF-8. Memory is the window (max size plus overlap) and its
 * candidate queues. Not thread-safe.
 */
public final class BoundaryChunker extends Utf8Window {
    static final int PARAGRAPH = 0;
    static final int LINE = 1;
    static final int SENTENCE = 2;
    static final int WORD = 3;
    private static final int LEVELS = 4;

    /** Byte classes for the ASCII fast path. */
    private static final byte PLAIN = 0;
    private static final byte SPACE = 1;
    private static final byte LF = 2;
    private static final byte CR = 3;
    private static final byte STOP = 4;
    private static final byte CLOSER = 5;
    private static final byte CONTROL = 6;
    private static final byte HIGH = 7;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            CLASS[b] = b >= 0x80 ? HIGH : b == ' ' || b == '\t' || b == 0x0B || b == 0x0C ? SPACE : b == '\n' ? LF
                    : b == '\r' ? CR : b == '.' || b == '!' || b == '?' ? STOP : isCloser(b) ? CLOSER
                    : b < 0x20 || b == 0x7F ? CONTROL : PLAIN;
        }
    }

    private final DocumentId document;
    private final ChunkSink sink;
    private final String strategy;
    private final boolean structured;
    private final int maxSize;
    private final int overlap;
    private final int minSize;
    private final TokenSizer tokens; // null when sizing in code points
    private final long windowCodePoints;

    private final Positions[] levels;
    private final Positions joins = new Positions(); // code-point starts inside a grapheme cluster

    private long startByte;
    private long startCp;
    private long prevEndByte;
    private long prevEndCp;
    private long nextIndex;
    private long eventCp;

    private final GraphemeCursor graphemes = new GraphemeCursor();
    private int prevCp = -1;
    private boolean prevWs;
    private boolean sentencePending;
    private boolean lineBlank = true;
    private boolean endedLineBlank = true;

    /**
     * Opens an engine for one document.
     *
     * @param strategy name stamped on every chunk
     * @param structured whether to prefer paragraph, line, sentence and word boundaries
     * @param document the document id stamped on every chunk
     * @param options sizes and unit
     * @param counter token counter for {@link SizeUnit#TOKENS}
     * @param sink receives chunks in order
     */
    public BoundaryChunker(String strategy, boolean structured, DocumentId document, ChunkingOptions options,
                           TokenCounter counter, ChunkSink sink) {
        this.strategy = strategy;
        this.structured = structured;
        this.document = document;
        this.sink = sink;
        this.maxSize = options.maxSize();
        this.overlap = options.overlap();
        this.minSize = options.minSize();
        if (options.unit() == SizeUnit.TOKENS) {
            this.windowCodePoints = Math.min(1L << 28, (long) maxSize * Math.max(1, counter.maxCodePointsPerToken()));
            this.tokens = new TokenSizer(counter, maxSize);
        } else {
            this.windowCodePoints = maxSize;
            this.tokens = null;
        }
        this.levels = new Positions[structured ? LEVELS : 0];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new Positions();
        }
        this.eventCp = firstEvent();
    }

    private long firstEvent() {
        return tokens == null ? startCp + maxSize : startCp + Math.min(windowCodePoints, tokens.firstCheck());
    }

    @Override
    long retainFrom() {
        return startByte;
    }

    @Override
    int scan(byte[] buf, int from, int limit, boolean endOfInput) {
        int i = from;
        long cp = scannedCodePoints;
        while (i < limit) {
            int c = buf[i];
            if (c >= 0 && prevCp >= 0 && prevCp < 0x80 && cp < eventCp) {
                int stop = (int) Math.min(limit, i + (eventCp - cp));
                int j = asciiRun(buf, i, stop, cp);
                cp += j - i;
                i = j;
                continue;
            }
            int len = 1;
            if (c < 0) {
                c = Utf8.decode(buf, i, limit, endOfInput, base + i);
                if (c == Utf8.INCOMPLETE) {
                    break;
                }
                len = Utf8.sequenceLength(buf[i]);
            }
            codePoint(c, base + i, cp);
            if (cp >= eventCp) {
                sizeEvent(base + i, cp, false);
            }
            i += len;
            cp++;
        }
        scannedCodePoints = cp;
        return i;
    }

    /**
     * The hot path: ASCII after ASCII, where a grapheme boundary lies everywhere but inside CR LF,
     * driven by a byte-class table. Does exactly what {@link #codePoint} does for these bytes.
     * Stops at {@code stop}, which lies before the next size event, or at the first non-ASCII byte.
     */
    private int asciiRun(byte[] buf, int from, int stop, long cpAtFrom) {
        int prev = prevCp;
        boolean ws = prevWs;
        boolean pending = sentencePending;
        boolean blank = lineBlank;
        boolean endedBlank = endedLineBlank;
        long delta = cpAtFrom - from; // code-point offset minus buffer index, constant in ASCII
        int i = from;
        while (i < stop) {
            int b = buf[i];
            int cls = CLASS[b & 0xFF];
            if (cls == HIGH) {
                break;
            }
            if (prev == '\r' && b == '\n') {
                joins.add(base + i, i + delta);
            } else if (structured) {
                int level = -1;
                if (prev == '\n') {
                    level = endedBlank ? PARAGRAPH : LINE;
                } else if (prev == '\r') {
                    level = blank ? PARAGRAPH : LINE;
                } else if (ws && cls != SPACE && cls != LF && cls != CR) {
                    level = pending ? SENTENCE : WORD;
                }
                if (level >= 0) {
                    levels[level].add(base + i, i + delta);
                }
            }
            if (prev == '\r' && b != '\n') {
                blank = true;
            }
            switch (cls) {
                case PLAIN:
                    ws = false;
                    blank = false;
                    pending = false;
                    int j = i + 1;
                    while (j < stop && CLASS[buf[j] & 0xFF] == PLAIN) {
                        j++; // letters after a letter: no candidate, no state change
                    }
                    prev = buf[j - 1];
                    i = j;
                    continue;
                case SPACE:
                case CR:
                    ws = true;
                    break;
                case LF:
                    ws = true;
                    endedBlank = blank;
                    blank = true;
                    break;
                case STOP:
                    ws = false;
                    blank = false;
                    pending = true;
                    break;
                case CLOSER:
                    ws = false;
                    blank = false;
                    break;
                default:
                    ws = false;
                    blank = false;
                    pending = false;
                    break;
            }
            prev = b;
            i++;
        }
        if (i > from) {
            prevCp = prev;
            prevWs = ws;
            sentencePending = pending;
            lineBlank = blank;
            endedLineBlank = endedBlank;
            graphemes.resetToAscii(prev);
        }
        return i;
    }

    /** Handles the code point at {@code (byteOffset, cpOffset)}: records its boundary, updates state. */
    private void codePoint(int c, long byteOffset, long cpOffset) {
        boolean boundary = graphemes.advance(c);
        boolean ws = c < 0x80 ? CLASS[c] == SPACE || CLASS[c] == LF || CLASS[c] == CR : Character.isWhitespace(c);
        if (cpOffset > 0) {
            if (!boundary) {
                joins.add(byteOffset, cpOffset);
            } else if (structured) {
                int level = -1;
                if (prevCp == '\n') {
                    level = endedLineBlank ? PARAGRAPH : LINE;
                } else if (prevCp == '\r') {
                    level = lineBlank ? PARAGRAPH : LINE;
                } else if (prevWs && !ws) {
                    level = sentencePending ? SENTENCE : WORD;
                } else if (!ws && isFullWidthStop(prevCp)) {
                    level = SENTENCE;
                }
                if (level >= 0) {
                    levels[level].add(byteOffset, cpOffset);
                }
            }
        }
        if (prevCp == '\r' && c != '\n') {
            lineBlank = true; // a lone CR ended the line
        }
        if (c == '\n') {
            endedLineBlank = lineBlank;
            lineBlank = true;
        } else if (!ws) {
            lineBlank = false;
            if (c == '.' || c == '!' || c == '?' || isFullWidthStop(c)) {
                sentencePending = true;
            } else if (!isCloser(c)) {
                sentencePending = false;
            }
        }
        prevWs = ws;
        prevCp = c;
    }

    private static boolean isFullWidthStop(int c) {
        return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
    }

    private static boolean isCloser(int c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0x00BB
                || c == 0x300D || c == 0x300F;
    }

    /**
     * Called when the window reaches its size limit (code points) or a token check point, with
     * the code point at {@code (pByte, pCp)} just scanned (or, {@code atEnd}, the end of input).
     */
    private void sizeEvent(long pByte, long pCp, boolean atEnd) {
        if (tokens == null) {
            // [start, p) holds maxSize code points exactly: cut at the best boundary up to p.
            cutWithin(pByte, pCp);
            return;
        }
        while (true) {
            long fits = tokens.fittingEnd(this, startByte, prevEndByte, pByte);
            if (fits == TokenSizer.ALL_FIT) {
                if (atEnd || pCp - startCp < windowCodePoints) {
                    eventCp = startCp + Math.min(windowCodePoints, tokens.nextCheck(pCp - startCp));
                    return;
                }
                cutWithin(pByte, pCp); // the window is full although its tokens fit
            } else if (fits == TokenSizer.NONE_FIT) {
                if (startByte >= prevEndByte) {
                    throw new ChunkingException("the code point at byte offset " + prevEndByte + " alone counts more than the max size of "
                            + maxSize + " tokens; raise the max size (--size)");
                }
                moveStart(prevEndByte, prevEndCp);
            } else {
                cutWithin(fits, prevEndCp + tokens.fittingCodePoints());
            }
        }
    }

    /**
     * Emits the chunk that starts at the window start and ends at the best boundary at or
     * before {@code limit}, then starts the next chunk.
     *
     * @return false when no cut was possible yet and the overlap was given up instead
     */
    private boolean cutWithin(long limitByte, long limitCp) {
        long end = limitByte;
        long endCp = limitCp;
        while (end > prevEndByte && joins.contains(end)) {
            end = previousCodePoint(end);
            endCp--;
        }
        if (end <= prevEndByte) {
            if (startByte < prevEndByte) {
                // The overlap left no room for a whole cluster: give the overlap up.
                moveStart(prevEndByte, prevEndCp);
                return false;
            }
            // A single grapheme cluster longer than the maximum: split it at a code point.
            end = limitByte;
            endCp = limitCp;
        }
        for (Positions level : levels) {
            int k = level.latestIn(prevEndByte, end);
            if (k >= 0 && level.codePointAt(k) - startCp >= minSize
                    && (tokens == null || tokens.fits(this, startByte, level.byteAt(k)))) {
                end = level.byteAt(k);
                endCp = level.codePointAt(k);
                break;
            }
        }
        emit(end, endCp);
        long[] next = overlapStart(end, endCp);
        moveStart(next[0], next[1]);
        return true;
    }

    private void emit(long end, long endCp) {
        int from = (int) (startByte - base);
        int length = (int) (end - startByte);
        int codePoints = (int) (endCp - startCp);
        Utf8Text text = Utf8Text.copyOf(buf, from, length, codePoints);
        int size = tokens == null ? codePoints : tokens.checkedCount(text, startByte);
        sink.accept(new Chunk(document, nextIndex++, text, startCp, endCp, startByte, end, size,
                tokens == null ? SizeUnit.CHARS : SizeUnit.TOKENS, strategy, ChunkMetadata.NONE));
        prevEndByte = end;
        prevEndCp = endCp;
    }

    /** The earliest word (or stronger) boundary, else grapheme boundary, no more than {@code overlap} before the end. */
    private long[] overlapStart(long end, long endCp) {
        long targetCp = Math.max(endCp - overlap, startCp + 1);
        if (overlap == 0 || targetCp >= endCp) {
            return new long[] {end, endCp};
        }
        long from = end;
        for (long n = endCp - targetCp; n > 0; n--) {
            from = previousCodePoint(from);
        }
        long bestByte = end;
        long bestCp = endCp;
        for (Positions level : levels) {
            int k = level.earliestIn(from, bestByte);
            if (k >= 0) {
                bestByte = level.byteAt(k);
                bestCp = level.codePointAt(k);
            }
        }
        if (bestByte < end) {
            return new long[] {bestByte, bestCp};
        }
        long at = from;
        long atCp = targetCp;
        while (at < end && joins.contains(at)) {
            at = nextCodePoint(at);
            atCp++;
        }
        return new long[] {at, atCp};
    }

    private void moveStart(long byteOffset, long cpOffset) {
        startByte = byteOffset;
        startCp = cpOffset;
        joins.dropBefore(byteOffset);
        for (Positions level : levels) {
            level.dropBefore(byteOffset + 1);
        }
        eventCp = firstEvent();
    }

    @Override
    void endOfInput(long endByte, long endCp) {
        if (tokens != null) {
            sizeEvent(endByte, endCp, true);
        }
        if (endByte > prevEndByte) {
            emit(endByte, endCp);
        }
    }

    @Override
    void releaseState() {
        joins.clear();
        for (Positions level : levels) {
            level.clear();
        }
    }
}
