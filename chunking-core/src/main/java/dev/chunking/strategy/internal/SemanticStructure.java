package dev.chunking.strategy.internal;

import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.PluginFailureException;
import dev.chunking.spi.Embedder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the meaning of a text shifts, found as the chunker scans it: sentences come from a
 * {@link SentenceSplitter}, are embedded in batches through the {@link Embedder} port (each
 * sentence once, so calls are at most the number of sentences), and the boundary before
 * sentence {@code i} is a breakpoint when the cosine distance between the group of the two
 * sentences before it and the group of it and the next one is at or above a percentile of the
 * recent distances (a bounded rolling window, which holds at least {@value #MIN_SAMPLES}
 * distances) and is a local peak (not below the distance before it, above the one after). Breakpoints are forced cuts that chunks under the min size pass over, so small
 * groups merge with the next.
 *
 * <p>Lookahead is bounded by the batch: a boundary is decided once its batch and the sentence
 * after it are embedded, and a batch is embedded when it is full or spans {@value #BATCH_BYTES}
 * bytes. A sentence is embedded from its first {@value #SENTENCE_CAP} code
 * points; one longer than that is embedded as soon as it reaches the cap, so a text without
 * sentence ends never holds the chunker back. Not thread-safe.
 */
final class SemanticStructure extends Structure {
    static final int SENTENCE_CAP = 2048;
    static final int MIN_SAMPLES = 8;
    /** A batch is embedded once its text spans this many bytes, whatever the batch size, so the lookahead stays bounded. */
    static final int BATCH_BYTES = 64 * 1024;

    private final Embedder embedder;
    private final int batchSize;
    private final double threshold;
    private final RollingPercentile distances;
    private final SentenceSplitter splitter = new SentenceSplitter();

    private long currentStart;
    private int currentLength;
    private boolean currentQueued; // the current sentence reached the cap and waits in the batch already
    private final List<Sentence> batch = new ArrayList<>();
    private final ArrayDeque<Sentence> embedded = new ArrayDeque<>(); // embedded sentences whose boundary, or whose use as context, is pending
    private final Positions cuts = new Positions();
    private long lastDecided; // start of the last sentence whose distance is computed (the first sentence has none)
    private long pendingStart = -1; // a boundary whose distance is known, waiting for the next to see whether it is a peak
    private double pendingDistance;
    private boolean pendingHigh;
    private double previousDistance = Double.NEGATIVE_INFINITY;
    private long observed;
    private boolean ended;

    private static final class Sentence {
        final long start;
        final String text;
        final boolean capped;
        float[] vector;

        Sentence(long start, String text, boolean capped) {
            this.start = start;
            this.text = text;
            this.capped = capped;
        }
    }

    /**
     * Creates a tracker for one document.
     *
     * @param embedder embeds the sentences
     * @param batchSize sentences per embedding call
     * @param threshold the percentile (1 to 99) a distance must reach to break
     * @param window how many recent distances the percentile is taken over
     */
    SemanticStructure(Embedder embedder, int batchSize, double threshold, int window, long documentStart) {
        this.lastDecided = documentStart;
        this.currentStart = documentStart;
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.threshold = threshold;
        this.distances = new RollingPercentile(window);
    }

    @Override
    void observe(Utf8Window w, long from, long to) {
        long at = from;
        while (at < to) {
            int cp = w.codePointAt(at);
            if (splitter.push(cp, at) >= 0) {
                endSentence(w, at);
                currentStart = at;
            }
            int len = Utf8.sequenceLength(w.buf[(int) (at - w.base)]);
            if (currentLength < SENTENCE_CAP && ++currentLength == SENTENCE_CAP) {
                currentQueued = true;
                queue(w, new Sentence(currentStart, w.decode(currentStart, at + len), true), true, at + len);
            }
            at += len;
        }
        observed = to;
    }

    private void endSentence(Utf8Window w, long end) {
        if (!currentQueued && currentLength > 0) {
            // the window still holds the sentence: its start is undecided, so no cut has passed it
            queue(w, new Sentence(currentStart, w.decode(currentStart, end), false), false, end);
        }
        currentLength = 0;
        currentQueued = false;
    }

    /** Adds a sentence to the batch; embeds the batch when full, or at once for a capped sentence, whose end may be far. */
    private void queue(Utf8Window w, Sentence s, boolean now, long end) {
        batch.add(s);
        if (now || batch.size() >= batchSize || end - batch.get(0).start > BATCH_BYTES) {
            embedBatch(w, end);
        }
    }

    /** Embeds the batch, whose sentences end at {@code end}. */
    private void embedBatch(Utf8Window w, long end) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(batch.size());
        for (Sentence s : batch) {
            texts.add(s.text);
        }
        List<float[]> vectors;
        try {
            vectors = embedder.embed(texts);
        } catch (RuntimeException e) {
            throw failure(w, end, e.toString(), e);
        }
        if (vectors == null || vectors.size() != batch.size()) {
            throw failure(w, end, "it returned " + (vectors == null ? "null" : vectors.size() + " vectors") + " for " + batch.size()
                    + " texts", null);
        }
        for (int i = 0; i < batch.size(); i++) {
            float[] v = vectors.get(i);
            if (v == null || (!embedded.isEmpty() && v.length != embedded.getLast().vector.length)) {
                throw failure(w, end, "vector " + i + " is " + (v == null ? "null" : "of length " + v.length + ", not "
                        + embedded.getLast().vector.length), null);
            }
            batch.get(i).vector = v;
            embedded.add(batch.get(i));
        }
        batch.clear();
        decide(false);
    }

    private PluginFailureException failure(Utf8Window w, long end, String what, Throwable cause) {
        long from = w.sourceOffset(batch.get(0).start);
        long to = w.sourceOffset(end);
        return new PluginFailureException("embedder '" + embedder.name() + "' failed on a batch of " + batch.size()
                + " sentences at bytes [" + from + ", " + to + ") of the source: " + what
                + "; check the embedder, or chunk with another strategy", cause);
    }

    /**
     * Decides every boundary whose context is embedded: the boundary before sentence {@code i}
     * needs sentences {@code i-2 .. i+1} (just {@code i} when it was capped, or at the end).
     */
    private void decide(boolean atEnd) {
        List<Sentence> s = new ArrayList<>(embedded);
        for (int i = 1; i < s.size(); i++) {
            Sentence cur = s.get(i);
            if (cur.start <= lastDecided) {
                continue;
            }
            boolean nextKnown = i + 1 < s.size();
            if (!nextKnown && !cur.capped && !atEnd) {
                break;
            }
            // the distance between the sums of the two sentences before and the two from here (cosine ignores scale)
            double d = Vectors.cosineDistanceOfSums(s.get(i - 1).vector, i >= 2 ? s.get(i - 2).vector : null, cur.vector,
                    nextKnown && !cur.capped ? s.get(i + 1).vector : null);
            distances.add(d);
            boolean high = distances.size() >= MIN_SAMPLES && d > 0 && d >= distances.percentile(threshold);
            settlePending(d);
            pendingStart = cur.start;
            pendingDistance = d;
            pendingHigh = high;
            lastDecided = cur.start;
            if (cur.capped) {
                settlePending(Double.NEGATIVE_INFINITY); // the next distance may lie far behind a long sentence: do not wait
            }
        }
        if (atEnd) {
            settlePending(Double.NEGATIVE_INFINITY);
        }
        int firstOpen = 0;
        while (firstOpen < s.size() && s.get(firstOpen).start <= lastDecided) {
            firstOpen++;
        }
        for (int drop = firstOpen - 2; drop > 0; drop--) {
            embedded.removeFirst(); // keep two sentences of left context
        }
    }

    /**
     * Decides the boundary whose distance came before {@code next}: a breakpoint when its
     * distance was high and is a local peak, so a shift that raises several neighbouring
     * distances breaks once, at the sharpest one.
     */
    private void settlePending(double next) {
        if (pendingStart >= 0 && pendingHigh && pendingDistance >= previousDistance && pendingDistance > next) {
            cuts.add(pendingStart);
        }
        if (pendingStart >= 0) {
            previousDistance = pendingDistance;
        }
        pendingStart = -1;
    }

    @Override
    void endOfInput(Utf8Window window) {
        endSentence(window, observed);
        embedBatch(window, observed);
        decide(true);
        ended = true;
    }

    @Override
    long decidedUpTo() {
        if (ended) {
            return ALL;
        }
        long decided = pendingStart >= 0 ? Math.min(observed, pendingStart) : observed;
        for (Sentence e : embedded) {
            if (e.start > lastDecided) {
                decided = Math.min(decided, e.start);
                break;
            }
        }
        for (Sentence b : batch) {
            if (b.start > lastDecided) { // the first sentence of a text has no boundary before it
                decided = Math.min(decided, b.start);
                break;
            }
        }
        if (currentLength > 0 && (currentStart > lastDecided || !currentQueued)) {
            decided = Math.min(decided, currentStart); // its boundary is open, or its text is still to be read from the window
        }
        return decided;
    }

    /** The latest breakpoint in {@code (after, upTo]}, or -1: for {@code hybrid}, which prefers breakpoints without forcing them. */
    long latestBreak(long after, long upTo) {
        return cuts.latestIn(after, upTo);
    }

    /** Whether a breakpoint lies at {@code at}. */
    boolean isBreak(long at) {
        return cuts.contains(at);
    }

    @Override
    long forcedCut(long after, long upTo) {
        return cuts.firstIn(after, upTo);
    }

    @Override
    boolean mergeable(long start, long cut) {
        return true;
    }

    @Override
    boolean overlapsBeforeForcedCut() {
        return true;
    }

    @Override
    long latest(long after, long upTo) {
        return -1;
    }

    @Override
    ChunkMetadata metadata(Utf8Window window, long start, long end) {
        return ChunkMetadata.NONE;
    }

    @Override
    void dropBefore(long offset) {
        cuts.dropBefore(offset);
    }

    /**
     * Writes the splitter, the sentence being read, the batch not yet embedded (with its texts,
     * so the resumed run sends the embedder exactly the batch this one would), the embedded
     * sentences still needed (with their vectors, so none is embedded twice), the breakpoints,
     * the boundary waiting for its peak test and the recent distances. Bounded by the batch
     * ({@value #BATCH_BYTES} bytes and a capped sentence), a few vectors and the distance window.
     */
    @Override
    void save(StateWriter out) {
        splitter.save(out);
        out.offset(currentStart).number(currentLength).flag(currentQueued);
        out.number(batch.size());
        for (Sentence b : batch) {
            out.offset(b.start).text(b.text).flag(b.capped);
        }
        out.number(embedded.size());
        for (Sentence e : embedded) {
            out.offset(e.start).flag(e.capped).floats(e.vector);
        }
        out.positions(cuts);
        out.offset(lastDecided).offset(pendingStart).decimal(pendingDistance).flag(pendingHigh).decimal(previousDistance);
        out.offset(observed).flag(ended);
        distances.save(out);
    }

    /**
     * Takes over what {@link #save} wrote. The text of the sentence being read is not in the
     * state: unless it reached the cap (and waits in the batch), its boundary is undecided, so no
     * cut has passed it, it starts at or after the window start, and the resumed window holds
     * it again by the time the sentence ends.
     */
    @Override
    void restore(StateReader in, Utf8Window window) {
        splitter.restore(in);
        currentStart = in.offset();
        currentLength = in.integer();
        currentQueued = in.flag();
        for (int n = in.integer(); n > 0; n--) {
            long start = in.offset();
            String text = in.text();
            batch.add(new Sentence(start, text, in.flag()));
        }
        for (int n = in.integer(); n > 0; n--) {
            Sentence e = new Sentence(in.offset(), null, in.flag()); // embedded: only its vector is used any more
            e.vector = in.floats();
            embedded.add(e);
        }
        in.positions(cuts);
        lastDecided = in.offset();
        pendingStart = in.offset();
        pendingDistance = in.decimal();
        pendingHigh = in.flag();
        previousDistance = in.decimal();
        observed = in.offset();
        ended = in.flag();
        distances.restore(in);
    }
}
