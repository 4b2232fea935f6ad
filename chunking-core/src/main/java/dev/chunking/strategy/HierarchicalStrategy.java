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

/**
 * {@code hierarchical}: several sizes at once, for retrieval that searches small chunks and
 * returns their larger parents. The parameter {@code levels} gives the sizes, largest first
 * (default {@value #DEFAULT_LEVELS}, up to {@value #MAX_LEVELS} levels, strictly decreasing,
 * in the unit of the options; they replace {@code maxSize} as the sizes, and {@code maxSize} only
 * sets the min size's share: each level's min size is {@code minSize * levelSize / maxSize}).
 * The finest level is cut as {@code recursive} cuts, with the options' overlap and min size
 * (the overlap must be below the finest size); each coarser level packs whole chunks of the
 * level below up to its size, so a parent is the union of its children and its range contains
 * theirs, and consecutive chunks of any level overlap by at most the overlap. When the next child
 * does not fit, a parent ends after its latest child that ends a paragraph (where the parent's text
 * ends with a blank line), as {@code recursive} ends its chunks, if the parent has reached its
 * level's min size there; the children after it start the next parent. Otherwise it ends after its
 * last child.
 * Every chunk is an exact slice and carries {@code metadata().level()} (0 for the largest), a
 * stable {@code id()} made of the document id, the level and its index within the level
 * ({@code doc#L1-7}), and below the top its parent's id. A chunk is emitted once it and its parent
 * are certain, so children come before their parent; indices count all levels. A grapheme cluster
 * longer than the finest size is split at the finest level, and a coarser level may end at
 * such a split too (its chunks never split a shorter cluster). One pass over the
 * text; memory is the finest chunker's window plus one open chunk per coarser level, and the
 * children it holds back while it may still end before them (they lie within it; with an overlap
 * each repeats at most the overlap of the one before).
 * Malformed input must be reported (a parent made of children with U+FFFD replacements would
 * not have source offsets). Chunkers resume from a checkpoint: the resume point's state carries
 * the open chunk of each coarser level, the children it holds and the ids given so far. Immutable
 * and thread-safe.
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
        return "several sizes at once (default 2048/512/128): parents packed from whole children up to a paragraph end, linked by parent ids";
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
            throw new InvalidOptionsException("strategy hierarchical cannot replace malformed input (a parent made of"
                    + " children with replacements would lose its source offsets); use --on-malformed report");
        }
        return new HierarchicalChunker(NAME, document, options, sizes, tokenCounter, sink, from);
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
