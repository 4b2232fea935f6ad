package dev.chunking.strategy;

import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.internal.HierarchicalChunker;
import java.util.List;
import java.util.Map;

/**
 * {@code hierarchical}: several sizes at once, for retrieval that searches small chunks and
 * returns their larger parents. The parameter {@code levels} gives the sizes, largest first
 * (default {@value #DEFAULT_LEVELS}, up to {@value #MAX_LEVELS} levels, strictly decreasing,
 * in the unit of the options; they replace {@code maxSize} as the sizes). The largest level is cut
 * from the text as {@code recursive} cuts, and every chunk of a level is cut the same way, from its
 * own text, into the chunks of the level below: so each chunk below the top has one parent, a
 * parent is exactly the union of its children, and where two parents overlap both have children
 * there (the same text under two ids). The overlap applies to the finest level (it must be below
 * the finest size) and every coarser level overlaps by the same share of its size, at most half of
 * it: with levels {@code 2048,512,128} and an overlap of 32, the levels overlap by 512, 128 and 32;
 * with 96, by 1024, 256 and 96. (Each level re-cuts its parents' text, overlaps included, so the
 * cap keeps the text each level repeats to at most twice its parents'.) The min size
 * is a share of {@code maxSize}, applied the same way: each level's min size is
 * {@code minSize * levelSize / maxSize}, at most the level's size. Every chunk is an exact slice and carries
 * {@code metadata().level()} (0 for the largest), a stable {@code id()} made of the document id,
 * the level and its index within the level ({@code doc#L1-7}), and below the top its parent's id.
 * A chunk is emitted right after its children, so children come before their parent; indices
 * count all levels. One pass over the stream, and each level below re-reads its parents' text in
 * memory; memory is the top level's window plus, per level below, one chunk's text and the chunks
 * cut from it.
 * Malformed input must be reported (children cut from a parent's text with U+FFFD replacements
 * would lose their source offsets). Chunkers resume from a
 * checkpoint: the resume point's state carries the top level's state and the ids given so far.
 * Immutable and thread-safe.
 */
public final class HierarchicalStrategy implements ChunkingStrategy {
    /** The registered name. */
    public static final String NAME = "hierarchical";
    /** The parameter that lists the sizes. */
    public static final String LEVELS = "levels";
    /** The default sizes. */
    public static final String DEFAULT_LEVELS = "2048,512,128";
    /** The most levels accepted. */
    public static final int MAX_LEVELS = 5;
    /** The {@code levels} parameter, described: each size 1 to the largest max size. */
    public static final ParameterDescriptor LEVELS_PARAMETER = ParameterDescriptor.integerList(LEVELS, DEFAULT_LEVELS, 1,
            ChunkingOptions.LIMIT_MAX_SIZE, "chunk sizes, coarse to fine: comma-separated, strictly decreasing, at most "
                    + MAX_LEVELS);

    /** Creates the strategy; called by {@link java.util.ServiceLoader}. */
    public HierarchicalStrategy() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "several sizes at once (default 2048/512/128): each chunk cut as recursive cuts into the level below, linked by parent ids";
    }

    @Override
    public List<ParameterDescriptor> parameterDescriptors() {
        return List.of(LEVELS_PARAMETER);
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
        return resume(document, options, tokenCounter, sink, ResumePoint.START);
    }

    @Override
    public Chunker resume(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink,
                          ResumePoint from) {
        int[] sizes = sizes(options);
        int finest = sizes[sizes.length - 1];
        if (options.overlap() >= finest) {
            throw new InvalidOptionsException("overlap " + options.overlap() + " must be below the finest level's size " + finest
                    + "; lower --overlap or raise the last of --levels");
        }
        if (options.malformedInput() == MalformedInputPolicy.REPLACE) {
            throw new InvalidOptionsException("strategy hierarchical cannot replace malformed input (children cut from a parent's"
                    + " text with replacements would lose their source offsets); use --on-malformed report");
        }
        return new HierarchicalChunker(NAME, document, levelOptions(options), tokenCounter, sink, from);
    }

    /**
     * Returns the options each level is cut with: its size from {@code levels} as the max size, the
     * overlap (which the options give for the finest level) scaled to that size, at most half of it
     * above the finest level, and the min size (a share of the max size) scaled to that size, at
     * most all of it.
     *
     * @param options the options the strategy is given, with or without {@code levels}
     * @return the options of each level, largest first, without the strategy's parameters
     * @throws InvalidOptionsException if {@code levels} is invalid
     */
    public static ChunkingOptions[] levelOptions(ChunkingOptions options) {
        int[] sizes = sizes(options);
        int finest = sizes[sizes.length - 1];
        ChunkingOptions[] out = new ChunkingOptions[sizes.length];
        for (int level = 0; level < sizes.length; level++) {
            // coarser levels at most half: each re-cuts its parents' text, so the text repeats 1 / (1 - share) times per level
            long overlap = level == sizes.length - 1 ? options.overlap() : Math.min(sizes[level] / 2,
                    (long) options.overlap() * sizes[level] / finest);
            long min = Math.min(sizes[level], (long) options.minSize() * sizes[level] / options.maxSize());
            out[level] = new ChunkingOptions(sizes[level], (int) overlap, (int) min, options.unit(), options.tokenCounter(),
                    options.malformedInput(), Map.of(), options.limits());
        }
        return out;
    }

    /**
     * Parses and validates the {@code levels} parameter.
     *
     * @param options the options that may set it
     * @return the sizes, largest first
     * @throws InvalidOptionsException naming the value and the rule it breaks
     */
    public static int[] sizes(ChunkingOptions options) {
        String value = LEVELS_PARAMETER.value(options); // whole numbers in range; count and order checked here
        String[] parts = value.split(",", -1);
        if (parts.length > MAX_LEVELS) {
            throw new InvalidOptionsException("levels '" + value + "' has " + parts.length + " sizes, more than " + MAX_LEVELS
                    + "; give at most " + MAX_LEVELS + " (--levels)");
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = Integer.parseInt(parts[i].trim());
            if (i > 0 && sizes[i] >= sizes[i - 1]) {
                throw new InvalidOptionsException("levels '" + value + "': sizes must be 1.." + ChunkingOptions.LIMIT_MAX_SIZE
                        + " and strictly decreasing, largest first, like " + DEFAULT_LEVELS + " (--levels)");
            }
        }
        return sizes;
    }
}
