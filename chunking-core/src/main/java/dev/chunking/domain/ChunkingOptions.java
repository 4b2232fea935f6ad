package dev.chunking.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How large chunks may be and how much consecutive chunks overlap. Immutable and thread-safe;
 * build one with {@link #builder()} or start from {@link #defaults()}.
 *
 * <p>Default rules, for the library and the {@code chunk} command alike: unless set, the
 * overlap is a fifth of the max size ({@link #defaultOverlap(int)}; 200 for the default 1000)
 * and the min size a quarter of it ({@link #defaultMinSize(int)}; 250 for the default 1000).
 * A chunk under the min size is merged into a neighbour where the union fits the max size; set
 * the min size to 0 to keep every piece as the strategy cuts it.
 * Sizing in tokens needs a token counter chosen on purpose: {@link Builder#build()} refuses
 * {@code unit(TOKENS)} without {@code tokenCounter(...)}, since the default counter counts code
 * points and would label them tokens.
 *
 * <p>Sizes are in {@code unit}: code points for {@link SizeUnit#CHARS}, tokens of the token
 * counter chosen by name for {@link SizeUnit#TOKENS}.
 *
 * @param maxSize largest allowed chunk size, at least 1
 * @param overlap how much of the end of a chunk the next one repeats at most; less than {@code maxSize}
 * @param minSize chunks end at a preferred boundary only when they are at least this large, and a
 *     smaller one is merged into a neighbour where the max size allows; 0 to {@code maxSize}
 * @param unit the unit of all three sizes
 * @param tokenCounter name of the {@code TokenCounter} used when {@code unit} is {@code TOKENS}
 * @param malformedInput what to do with bytes that are not UTF-8
 * @param parameters strategy-specific settings by name, such as {@code levels=2048,512,128} for
 *     {@code hierarchical}; each strategy describes the ones it reads (name, type, default,
 *     range) in {@link dev.chunking.spi.ChunkingStrategy#parameterDescriptors()}, and the values
 *     are checked against those descriptors when a {@code Chunking} is made
 * @param limits the most bytes, chunks and metadata bytes per chunk a document may have; they
 *     change how far a run may go, never which chunks it makes
 */
public record ChunkingOptions(int maxSize, int overlap, int minSize, SizeUnit unit, String tokenCounter,
                              MalformedInputPolicy malformedInput, Map<String, String> parameters,
                              InputLimits limits) {
    /** Longest accepted parameter value, in chars. */
    public static final int LIMIT_PARAMETER_LENGTH = 1024;

    /** Default maximum size: 1000. */
    public static final int DEFAULT_MAX_SIZE = 1000;
    /** The overlap of the default options: 200, a fifth of {@link #DEFAULT_MAX_SIZE}. */
    public static final int DEFAULT_OVERLAP = DEFAULT_MAX_SIZE / 5;
    /** The min size of the default options: 250, a quarter of {@link #DEFAULT_MAX_SIZE}. */
    public static final int DEFAULT_MIN_SIZE = DEFAULT_MAX_SIZE / 4;
    /** Largest maximum size accepted: 16 Mi units, which bounds a chunker's memory. */
    public static final int LIMIT_MAX_SIZE = 1 << 24;
    /** Name of the default token counter, which counts code points. */
    public static final String DEFAULT_TOKEN_COUNTER = "codepoints";

    private static final ChunkingOptions DEFAULTS = new ChunkingOptions(DEFAULT_MAX_SIZE, DEFAULT_OVERLAP, DEFAULT_MIN_SIZE,
            SizeUnit.CHARS, DEFAULT_TOKEN_COUNTER, MalformedInputPolicy.REPORT, Map.of(), InputLimits.defaults());

    /**
     * Validates the options.
     *
     * @throws InvalidOptionsException naming the value, the limit and the setting when a value is out of range
     */
    public ChunkingOptions {
        if (unit == null || tokenCounter == null || tokenCounter.isBlank() || malformedInput == null) {
            throw new InvalidOptionsException("unit, tokenCounter and malformedInput must be set (defaults: chars, "
                    + DEFAULT_TOKEN_COUNTER + ", REPORT)");
        }
        if (maxSize < 1 || maxSize > LIMIT_MAX_SIZE) {
            throw new InvalidOptionsException("max size " + maxSize + " is outside 1.." + LIMIT_MAX_SIZE
                    + "; set maxSize (--size) within that range");
        }
        if (overlap < 0) {
            throw new InvalidOptionsException("overlap " + overlap + " is negative; set overlap (--overlap) to 0 or more");
        }
        if (overlap >= maxSize) {
            throw new InvalidOptionsException("overlap " + overlap + " >= max size " + maxSize
                    + "; set overlap (--overlap) below the max size (--size)");
        }
        if (minSize < 0 || minSize > maxSize) {
            throw new InvalidOptionsException("min size " + minSize + " is outside 0..max size " + maxSize
                    + "; set minSize within that range");
        }
        if (parameters == null || limits == null) {
            throw new InvalidOptionsException("parameters and limits must not be null; use Map.of() and InputLimits.defaults()");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        parameters.forEach((name, value) -> {
            if (name == null || !name.matches("[a-z][a-z0-9-]{0,63}")) {
                throw new InvalidOptionsException("parameter name '" + name + "' is not lower-case letters, digits and '-'"
                        + " (at most 64, starting with a letter)");
            }
            if (value == null || value.length() > LIMIT_PARAMETER_LENGTH) {
                throw new InvalidOptionsException("parameter '" + name + "' has " + (value == null ? "no value" : value.length()
                        + " chars, more than the limit of " + LIMIT_PARAMETER_LENGTH) + "; give a shorter value");
            }
            sorted.put(name, value);
        });
        parameters = Collections.unmodifiableSortedMap(sorted); // sorted, so equal options print alike
    }

    /**
     * Creates options with the default {@link InputLimits}.
     *
     * @param maxSize largest allowed chunk size
     * @param overlap overlap between consecutive chunks
     * @param minSize smallest size at which a chunk may end at a preferred boundary
     * @param unit the unit of the sizes
     * @param tokenCounter name of the token counter
     * @param malformedInput what to do with bytes that are not UTF-8
     * @param parameters strategy-specific settings by name
     */
    public ChunkingOptions(int maxSize, int overlap, int minSize, SizeUnit unit, String tokenCounter,
                           MalformedInputPolicy malformedInput, Map<String, String> parameters) {
        this(maxSize, overlap, minSize, unit, tokenCounter, malformedInput, parameters, InputLimits.defaults());
    }

    /**
     * Creates options without strategy parameters, with the default {@link InputLimits}.
     *
     * @param maxSize largest allowed chunk size
     * @param overlap overlap between consecutive chunks
     * @param minSize smallest size at which a chunk may end at a preferred boundary
     * @param unit the unit of the sizes
     * @param tokenCounter name of the token counter
     * @param malformedInput what to do with bytes that are not UTF-8
     */
    public ChunkingOptions(int maxSize, int overlap, int minSize, SizeUnit unit, String tokenCounter,
                           MalformedInputPolicy malformedInput) {
        this(maxSize, overlap, minSize, unit, tokenCounter, malformedInput, Map.of());
    }

    /**
     * Returns these options with other input limits; the chunks they make are the same.
     *
     * @param value the new limits
     * @return the options
     */
    public ChunkingOptions withLimits(InputLimits value) {
        return new ChunkingOptions(maxSize, overlap, minSize, unit, tokenCounter, malformedInput, parameters, value);
    }

    /**
     * Returns a strategy parameter.
     *
     * @param name the parameter name
     * @return its value, or empty when it was not set
     */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /**
     * Returns the overlap used when none is set: a fifth of the max size, rounded down.
     *
     * @param maxSize the max size
     * @return {@code maxSize / 5}
     */
    public static int defaultOverlap(int maxSize) {
        return maxSize / 5;
    }

    /**
     * Returns the min size used when none is set: a quarter of the max size, rounded down. A
     * quarter keeps pieces that carry a sentence or two while leaving room to merge: a piece
     * under it joins a neighbour only if the two fit the max size together, so with the
     * default overlap most tails and tiny sections find a neighbour, and no chunk the strategy
     * cut at a good boundary above it is touched.
     *
     * @param maxSize the max size
     * @return {@code maxSize / 4}
     */
    public static int defaultMinSize(int maxSize) {
        return maxSize / 4;
    }

    /**
     * Returns the defaults: max size 1000, overlap 200, min size 250, code points, malformed input
     * reported, {@link InputLimits#defaults()}.
     *
     * @return the shared default options
     */
    public static ChunkingOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder preset to {@link #defaults()}, with the overlap and the min size derived
     * from the max size ({@link #defaultOverlap(int)}, {@link #defaultMinSize(int)}) unless set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /**
     * Starts a builder preset to these options; every value counts as set, the overlap, the min
     * size and the token counter too.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Mutable builder for {@link ChunkingOptions}; not thread-safe. Validation happens in
     * {@link #build()}, so settings can be given in any order.
     */
    public static final class Builder {
        private int maxSize;
        private int overlap;
        private int minSize;
        private SizeUnit unit;
        private String tokenCounter;
        private MalformedInputPolicy malformedInput;
        private InputLimits limits;
        private final Map<String, String> parameters = new TreeMap<>();
        private boolean maxSizeSet;
        private boolean overlapSet;
        private boolean minSizeSet;
        private boolean tokenCounterSet;

        private Builder(ChunkingOptions from) {
            boolean given = from != DEFAULTS;
            maxSizeSet = given;
            overlapSet = given;
            minSizeSet = given;
            tokenCounterSet = given;
            parameters.putAll(from.parameters);
            maxSize = from.maxSize;
            overlap = from.overlap;
            minSize = from.minSize;
            unit = from.unit;
            tokenCounter = from.tokenCounter;
            malformedInput = from.malformedInput;
            limits = from.limits;
        }

        /**
         * Sets the maximum chunk size.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxSize(int value) {
            maxSize = value;
            maxSizeSet = true;
            return this;
        }

        /**
         * Sets the overlap between consecutive chunks; unless set, it is a fifth of the max size.
         *
         * @param value 0 up to the max size, exclusive
         * @return this builder
         */
        public Builder overlap(int value) {
            overlap = value;
            overlapSet = true;
            return this;
        }

        /**
         * Sets the size below which a chunk does not end at a preferred boundary and is merged
         * into a neighbour where the max size allows; unless set, it is a quarter of the max size.
         *
         * @param value 0 (keep every piece) up to the max size
         * @return this builder
         */
        public Builder minSize(int value) {
            minSize = value;
            minSizeSet = true;
            return this;
        }

        /**
         * Sets the size unit.
         *
         * @param value chars or tokens
         * @return this builder
         */
        public Builder unit(SizeUnit value) {
            unit = value;
            return this;
        }

        /**
         * Sets the token counter by name, used when the unit is tokens.
         *
         * @param name a registered {@code TokenCounter} name
         * @return this builder
         */
        public Builder tokenCounter(String name) {
            tokenCounter = name;
            tokenCounterSet = true;
            return this;
        }

        /**
         * Sets what to do with bytes that are not UTF-8.
         *
         * @param value {@code REPORT} (default) or {@code REPLACE}
         * @return this builder
         */
        public Builder malformedInput(MalformedInputPolicy value) {
            malformedInput = value;
            return this;
        }

        /**
         * Sets a strategy parameter, replacing an earlier value of the same name.
         *
         * @param name lower-case name, such as {@code levels}
         * @param value its value, validated by the strategy that reads it
         * @return this builder
         */
        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        /**
         * Sets the input limits.
         *
         * @param value the most bytes, chunks and metadata bytes per chunk a document may have
         * @return this builder
         */
        public Builder limits(InputLimits value) {
            limits = value;
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws InvalidOptionsException if a value is out of range, naming a value that is a
         *     default as such, or if the unit is tokens and no token counter was chosen
         */
        public ChunkingOptions build() {
            if (unit == SizeUnit.TOKENS && !tokenCounterSet) {
                throw new InvalidOptionsException("unit tokens needs a token counter, and none was set: the default '"
                        + DEFAULT_TOKEN_COUNTER + "' counts code points, which would be labelled tokens; set tokenCounter"
                        + " (--encoding or --token-counter), e.g. cl100k_base or o200k_base from the chunking-tokenizers"
                        + " artifact, or tokenCounter(\"" + DEFAULT_TOKEN_COUNTER + "\") to count code points on purpose");
            }
            int lap = overlapSet ? overlap : defaultOverlap(maxSize);
            int min = minSizeSet ? minSize : defaultMinSize(maxSize);
            if (!maxSizeSet && maxSize > 0 && (lap >= maxSize || min > maxSize)) {
                String what = lap >= maxSize ? "overlap " + lap + " >= " : "min size " + min + " > ";
                throw new InvalidOptionsException(what + "max size " + maxSize + " (the default max size; none was set)"
                        + "; set maxSize (--size) above it, or a smaller value");
            }
            return new ChunkingOptions(maxSize, lap, min, unit, tokenCounter, malformedInput, parameters, limits);
        }
    }
}
