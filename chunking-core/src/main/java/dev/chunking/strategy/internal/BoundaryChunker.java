package dev.chunking.strategy.internal;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.Utf8Text;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.TokenCounter;

/**
 * The one-pass engine behind the built-in strategies. The forward scan validates UTF-8 and
 * counts code points (ASCII eight bytes at a time), nothing more; grapheme cluster boundaries
 * are looked up only near the cuts ({@link GraphemeBoundaries}). When the window reaches the
 * maximum size, {@link BoundaryFinder} looks back from the limit for the latest boundary of the
 * strongest level (paragraph, one before a heading first; line, sentence, word, grapheme; the levels
 * {@link BoundaryLevels} allows) and the chunk is cut there. Without a structure, a chunk whose start was cut inside a
 * paragraph ends at the end of that paragraph instead (the first paragraph boundary past the
 * min size): the rest of a paragraph too long for one chunk is a chunk of its own, and the next
 * chunk starts (its overlap aside) where the next paragraph does, as a recursive splitter that splits an oversized
 * paragraph apart from its neighbours cuts it. No substring is made per candidate; the only copy is
 * the chunk's own UTF-8. Memory is the window (max size plus overlap). Not thread-safe.
 */
public final class BoundaryChunker extends Utf8Window {

    private final DocumentId document;
    private final String strategy;
    private final boolean structured;
    private final int maxSize;
    private final int overlap;
    private final int minSize;
    private final TokenSizer tokens; // null when sizing in code points
    private final UnitSizes sizes;
    private final long windowCodePoints;
    private final boolean replaceMalformed;

    private final Structure structure; // null for the plain strategies
    private long observedTo; // the offset up to which the structure has seen the text
    private long pendingByte = -1; // a size event waiting for the structure to decide, or -1
    private long pendingCp;
    private final GraphemeBoundaries graphemes;
    private final BoundaryFinder finder;

    private long startByte;
    private long startCp;
    private long prevEndByte; // -1 until resolved after a resume
    private long prevEndCp;
    private final long resumedPrevEndByte; // the source offset a resume point gave
    private final long firstIndex; // the index of the first chunk, which a resume point gave
    private final PendingChunk pending; // numbers the chunks, merging those under the min size
    private long eventCp;

    private long scanEnd; // the offset after the last code point scanned, during a size event
    // whether the cut that started the current chunk fell inside a paragraph; kept by plain structured engines only
    private boolean startsInsideParagraph;
    private final byte[][] paragraphStates; // {at a paragraph, inside one}: a plain structured engine's states, else null

    /**
     * Opens an engine for one document.
     *
     * @param strategy name stamped on every chunk
     * @param levels which boundaries a chunk may end at before the max size
     * @param document the document id stamped on every chunk
     * @param options sizes and unit
     * @param counter token counter for {@link SizeUnit#TOKENS}
     * @param sink receives chunks in order
     * @param from where to start: {@link ResumePoint#START}, or a point an earlier chunker reported
     */
    public BoundaryChunker(String strategy, BoundaryLevels levels, DocumentId document, ChunkingOptions options,
                           TokenCounter counter, ChunkSink sink, ResumePoint from) {
        this(strategy, levels, document, options, counter, sink, from, null, false, INITIAL_CAPACITY);
    }

    /**
     * Opens an engine guided by a structure, at the start of a document or at a resume point
     * whose state the structure and the held chunk are restored from.
     *
     * @param skipFrontMatter whether chunks of front matter are left out (and not numbered)
     */
    BoundaryChunker(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink,
                    Structure structure, boolean skipFrontMatter, ResumePoint from) {
        this(strategy, BoundaryLevels.ALL, document, options, counter, sink, from, structure, skipFrontMatter, INITIAL_CAPACITY);
    }

    /** Opens a plain engine for one chunk's text ({@code hierarchical}'s levels below the top), its window that text's length. */
    BoundaryChunker(String strategy, DocumentId document, ChunkingOptions options, TokenCounter counter, ChunkSink sink,
                    ResumePoint from, int capacity) {
        this(strategy, BoundaryLevels.ALL, document, options, counter, sink, from, null, false, capacity);
    }

    private BoundaryChunker(String strategy, BoundaryLevels levels, DocumentId document, ChunkingOptions options, TokenCounter counter,
                            ChunkSink sink, ResumePoint from, Structure structure, boolean skipFrontMatter, int capacity) {
        super(from.byteOffset(), from.codePointOffset(), from.replacements(), capacity);
        this.structure = structure;
        this.graphemes = new GraphemeBoundaries(this, from.byteOffset());
        this.finder = new BoundaryFinder(this, graphemes, levels == BoundaryLevels.PARAGRAPHS);
        this.observedTo = from.byteOffset();
        this.startByte = from.byteOffset();
        this.startCp = from.codePointOffset();
        this.prevEndCp = from.previousEndCodePoint();
        this.prevEndByte = from.previousEndByte() == from.byteOffset() ? from.byteOffset() : -1;
        this.resumedPrevEndByte = from.previousEndByte();
        this.firstIndex = from.nextIndex();
        this.replaceMalformed = options.malformedInput() == MalformedInputPolicy.REPLACE;
        this.strategy = strategy;
        this.structured = levels != BoundaryLevels.GRAPHEMES;
        this.document = document;
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
        this.sizes = new UnitSizes(this, tokens);
        this.eventCp = firstEvent();
        this.pending = new PendingChunk(sink, maxSize, minSize, tokens == null ? null : tokens::count, from.nextIndex(),
                skipFrontMatter);
        this.paragraphStates = structure == null && structured ? EngineState.paragraphStates(strategy) : null;
        if (paragraphStates != null) {
            this.startsInsideParagraph = EngineState.restoreInsideParagraph(from, strategy);
        } else if (structure == null) {
            EngineState.checkNone(from, strategy);
        } else if (!from.equals(ResumePoint.after(from.byteOffset(), from.codePointOffset()))) {
            this.observedTo = EngineState.restore(from, strategy, document, options.unit(), pending, structure, this);
        }
    }

    private long firstEvent() {
        long first = tokens == null ? startCp + maxSize : startCp + Math.min(windowCodePoints, tokens.firstCheck());
        return Math.max(first, prevEndCp + 1); // no cut can end before the previous end
    }

    /** The window offset of the previous end; after a resume it is found once the scan has passed it. */
    private long prevEnd() {
        if (prevEndByte < 0) {
            long at = startByte;
            for (long n = prevEndCp - startCp; n > 0; n--) {
                at = nextCodePoint(at);
            }
            prevEndByte = at;
        }
        return prevEndByte;
    }

    @Override
    public ResumePoint resumePoint() {
        if (structure != null) {
            return EngineState.save(strategy, startByte, observedTo, pending, structure, ownResumePoint());
        }
        return pending.resumePoint(ownResumePoint());
    }

    /** Where this engine resumes to make the chunk at the window start next; numbered by {@link #pending}. */
    private ResumePoint ownResumePoint() {
        long end = prevEndByte < 0 ? resumedPrevEndByte : sourceOffset(prevEndByte);
        ResumePoint own = new ResumePoint(sourceOffset(startByte), startCp, end, prevEndCp, firstIndex, replacementsBeforeWindow());
        return paragraphStates == null ? own : own.withState(paragraphStates[startsInsideParagraph ? 1 : 0]);
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
            if (c >= 0 && cp < eventCp) {
                // ASCII: only count, eight at a time where possible; clusters are looked up near the cuts (GraphemeBoundaries)
                int stop = (int) Math.min(limit, i + (eventCp - cp));
                int j = i + 1;
                while (j + 8 <= stop && (Words.at(buf, j) & 0x8080808080808080L) == 0) {
                    j += 8;
                }
                while (j < stop && buf[j] >= 0) {
                    j++;
                }
                cp += j - i;
                i = j;
                continue;
            }
            int len = 1;
            if (c < 0) {
                int b1 = i + 1 < limit ? buf[i + 1] : 0;
                int b2 = i + 2 < limit ? buf[i + 2] : 0;
                if ((c & 0xF0) == 0xE0 && (b2 & 0xC0) == 0x80 && (b1 & 0xC0) == 0x80
                        && (c != (byte) 0xE0 || b1 >= (byte) 0xA0) && (c != (byte) 0xED || b1 <= (byte) 0x9F)) {
                    len = 3; // the rest of the BMP: CJK, kana, Hangul, Indic
                } else if (c >= (byte) 0xC2 && c <= (byte) 0xDF && (b1 & 0xC0) == 0x80) {
                    len = 2; // Latin, Greek, Cyrillic, Hebrew, Arabic
                } else if (c == (byte) 0xF0 && b1 >= (byte) 0x90 && b1 <= (byte) 0xBF && (b2 & 0xC0) == 0x80
                        && i + 3 < limit && (buf[i + 3] & 0xC0) == 0x80) {
                    len = 4; // plane 1 and 2: emoji
                } else {
                    try {
                        c = Utf8.decode(buf, i, limit, endOfInput, sourceOffset(base + i));
                    } catch (MalformedInputException e) {
                        if (!replaceMalformed) {
                            throw e;
                        }
                        int bad = Utf8.maximalSubpart(buf, i, limit);
                        replaceWithReplacementCharacter(i, bad);
                        limit += 3 - bad;
                        buf = this.buf; // the window may have grown
                        c = 0xFFFD;
                    }
                    if (c == Utf8.INCOMPLETE) {
                        break;
                    }
                    len = Utf8.sequenceLength(buf[i]);
                }
            }
            if (cp >= eventCp) {
                scanEnd = base + i + len;
                graphemes.ceiling(scanEnd);
                if (structure == null) {
                    sizeEvent(base + i, cp, false);
                } else {
                    structuredEvent(base + i, cp);
                }
            }
            i += len;
            cp++;
        }
        scannedCodePoints = cp;
        return i;
    }

    /** Size events wait until the structure has decided up to them; meanwhile the scan checks back every so often. */
    private static final int RECHECK_CODE_POINTS = 64;

    /** A size event at {@code (atByte, atCp)}, the code point just scanned, or a check that the structure decided the pending one. */
    private void structuredEvent(long atByte, long atCp) {
        if (pendingByte < 0) {
            pendingByte = atByte;
            pendingCp = atCp;
        }
        if (scanEnd > observedTo) { // nothing new once the input ended: the structure has decided everything
            structure.observe(this, observedTo, scanEnd);
            observedTo = scanEnd;
        }
        while (pendingByte >= 0) {
            if (structure.decidedUpTo() <= pendingByte) {
                eventCp = atCp + RECHECK_CODE_POINTS;
                return;
            }
            long p = pendingByte;
            long pCp = pendingCp;
            pendingByte = -1;
            eventCp = pCp; // the event's own position, overwritten by the rechecks while it waited
            forcedCuts(p);
            if (pCp >= eventCp) {
                sizeEvent(p, pCp, false);
            }
            if (eventCp <= atCp) { // the next event lies in text scanned while waiting
                pendingByte = eventCp == atCp ? atByte : codePointsBack(atByte, atCp - eventCp);
                pendingCp = eventCp;
            }
        }
    }

    /** Makes the forced cuts up to {@code upTo}: no overlap across them, and none passed over unless mergeable. */
    private void forcedCuts(long upTo) {
        long after = startByte;
        for (long cut = structure.forcedCut(after, upTo); cut >= 0; cut = structure.forcedCut(after, upTo)) {
            long cutCp = startCp + codePointsBetween(startByte, cut);
            if (tokens != null && cut > prevEnd() && !tokens.fits(this, startByte, cut)) {
                sizeEvent(cut, cutCp, true); // too many tokens before the cut: make the size cuts up to it first
                after = startByte;
                continue;
            }
            if (cut <= prevEnd()) {
                moveStart(cut, cutCp); // the overlap reached back over the cut: start there instead
            } else if (structure.mergeable(startByte, cut) && sizes.between(startByte, cut) < minSize) {
                after = cut;
                continue;
            } else {
                cutBeforeForcedCut(cut);
                emit(cut, cutCp);
                moveStart(cut, cutCp);
            }
            after = startByte;
        }
    }

    /**
     * With an overlap of at least the min size, where the structure asks for it, gives a group that the forced cut would
     * end in one chunk longer than max size - overlap (the stride) a second chunk, from the first word past the stride
     * (where a sliding window would start) to the cut; the first ends at the latest sentence, line or paragraph end past
     * that word, else its latest word. Skipped unless both reach the min size.
     */
    private void cutBeforeForcedCut(long cut) {
        if (overlap < Math.max(1, minSize) || !structure.overlapsBeforeForcedCut() || sizes.between(startByte, cut) <= maxSize - overlap) {
            return;
        }
        long upTo = previousCodePoint(cut);
        while (upTo > startByte && !finder.isBoundary(upTo)) {
            upTo = previousCodePoint(upTo);
        }
        long x = sizes.reach(startByte, cut, maxSize - overlap);
        long from = x < upTo ? finder.earliest(startByte, x, upTo, filledEnd()) : -1;
        while (from >= 0 && from < upTo && !finder.isBoundary(from)) {
            from = nextCodePoint(from);
        }
        if (from < 0 || from >= upTo || sizes.between(from, cut) < minSize) {
            return;
        }
        long after = Math.max(Math.max(prevEnd(), from), sizes.reach(startByte, cut, minSize) - 1);
        long c = after < upTo ? finder.latestSentence(startByte, after, upTo, filledEnd()) : -1;
        if (c < 0 || !finder.isBoundary(c) || (tokens != null && (!tokens.fits(this, startByte, c)
                || !tokens.fits(this, from, cut) || !tokens.tailFits(this, from, c, overlap)))) {
            return;
        }
        emit(c, startCp + codePointsBetween(startByte, c));
        moveStart(from, startCp + codePointsBetween(startByte, from));
    }

    /** The window reached its size limit (code points) or a token check point at {@code (pByte, pCp)}, just scanned, or the end. */
    private void sizeEvent(long pByte, long pCp, boolean atEnd) {
        if (tokens == null) {
            // [start, p) holds maxSize code points exactly: cut at the best boundary up to p.
            cutWithin(pByte, pCp);
            return;
        }
        while (true) {
            long prevEndByte = prevEnd();
            long fits = tokens.fittingEnd(this, startByte, prevEndByte, pByte);
            if (fits == TokenSizer.ALL_FIT) {
                if (atEnd || pCp - startCp < windowCodePoints) {
                    int counted = tokens.count(this, startByte, pByte);
                    eventCp = startCp + Math.min(windowCodePoints, tokens.nextCheck(pCp - startCp, counted));
                    return;
                }
                cutWithin(pByte, pCp); // the window is full although its tokens fit
            } else if (fits == TokenSizer.NONE_FIT) {
                if (startByte >= prevEndByte) {
                    throw new InvalidOptionsException("the code point at byte offset " + sourceOffset(prevEndByte) + " alone counts more than the max size of "
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
        boolean forced = false;
        boolean insideParagraph = false;
        long prevEndByte = prevEnd();
        long end = limitByte;
        long endCp = limitCp;
        while (end > prevEndByte && !finder.isBoundary(end)) {
            end = previousCodePoint(end);
            endCp--;
        }
        while (tokens != null && end > prevEndByte && !tokens.fits(this, startByte, end)) {
            // a counter whose count shrank as text grew: step back, one cluster at a time, until it fits
            do {
                end = previousCodePoint(end);
                endCp--;
            } while (end > prevEndByte && !finder.isBoundary(end));
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
            forced = true;
        }
        if (structured) {
            long after = minSize == 0 ? prevEndByte : Math.max(prevEndByte, sizes.reach(startByte, end, minSize) - 1);
            long best = after < end && structure != null ? structure.latest(after, end) : -1;
            boolean paragraph = false;
            long latestParagraph = -1;
            if (best < 0) {
                best = after < end ? finder.latest(startByte, after, end, filledEnd()) : -1;
                paragraph = best >= 0 && finder.level() == BoundaryFinder.PARAGRAPH;
                latestParagraph = paragraph ? best : -1;
                if (paragraph && startsInsideParagraph) {
                    best = finder.earliestParagraph(startByte, after, best, filledEnd());
                }
            }
            if (best >= 0 && (tokens == null || tokens.fits(this, startByte, best))) {
                endCp -= codePointsBetween(best, end);
                end = best;
            } else {
                // cut at the limit: a paragraph ends there only if it was the latest one found
                paragraph = latestParagraph == end;
            }
            insideParagraph = structure == null && !paragraph;
        }
        emit(end, endCp);
        long[] next = overlapStart(end, endCp);
        moveStart(next[0], next[1]);
        startsInsideParagraph = insideParagraph;
        if (forced) {
            // the next chunk starts inside the cluster, where a resumed chunker starts with a fresh
            // grapheme cursor: start afresh here too, so both find the same boundaries
            graphemes.restart(startByte);
        }
        return true;
    }

    private void emit(long end, long endCp) {
        int from = (int) (startByte - base);
        int length = (int) (end - startByte);
        int codePoints = (int) (endCp - startCp);
        Utf8Text text = Utf8Text.copyOf(buf, from, length, codePoints);
        long byteStart = sourceOffset(startByte);
        int size = tokens == null ? codePoints : tokens.checkedCount(text, byteStart);
        pending.offer(new Chunk(document, 0, text, startCp, endCp, byteStart, sourceOffset(end), size,
                tokens == null ? SizeUnit.CHARS : SizeUnit.TOKENS, strategy,
                structure == null ? ChunkMetadata.NONE : structure.metadata(this, startByte, end),
                replacementsBetween(startByte, end)), structure == null ? ownResumePoint() : null);
        prevEndByte = end;
        prevEndCp = endCp;
    }

    /** The earliest word (or stronger), else grapheme, boundary whose tail up to {@code end} fits the overlap (options' unit). */
    private long[] overlapStart(long end, long endCp) {
        if (overlap == 0 || endCp - startCp <= 1) {
            return new long[] {end, endCp};
        }
        long from = sizes.tail(startByte, end, endCp - startCp, overlap);
        long at = structured ? finder.earliest(startByte, from, end, filledEnd()) : -1;
        if (at < 0) {
            at = from;
        }
        while (at < end && (!finder.isBoundary(at) || (tokens != null && !tokens.tailFits(this, at, end, overlap)))) {
            at = nextCodePoint(at); // the next cluster boundary; in tokens, also one whose tail fits
        }
        return new long[] {at, endCp - codePointsBetween(at, end)};
    }

    private void moveStart(long byteOffset, long cpOffset) {
        startByte = byteOffset;
        startCp = cpOffset;
        graphemes.moveFloor(byteOffset);
        dropReplacementsBefore(byteOffset);
        if (structure != null) {
            structure.dropBefore(byteOffset);
        }
        eventCp = firstEvent();
    }

    @Override
    void endOfInput(long endByte, long endCp) {
        scanEnd = endByte;
        graphemes.ceiling(endByte);
        if (structure != null) {
            structure.observe(this, observedTo, endByte);
            observedTo = endByte;
            structure.endOfInput(this);
            if (pendingByte >= 0) {
                long last = previousCodePoint(endByte); // everything is decided now: catch up on the waiting events
                structuredEvent(last, endCp - 1);
            }
            forcedCuts(endByte);
        }
        if (tokens != null) {
            sizeEvent(endByte, endCp, true);
        }
        if (endByte > prevEnd()) {
            emit(endByte, endCp);
        }
        pending.finish();
    }

    @Override
    void releaseState() {
        graphemes.clear();
    }
}
