package dev.chunking.langchain4j;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InputLimits;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.Chunker;
import dev.chunking.strategy.RecursiveStrategy;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.segment.TextSegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A LangChain4j {@link DocumentSplitter} backed by any of the library's strategies: the drop-in
 * for {@code DocumentSplitters.recursive(...)} in an {@code EmbeddingStoreIngestor} or anywhere
 * else LangChain4j takes a splitter.
 *
 * <pre>{@code
 * EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
 *         .documentSplitter(ChunkingDocumentSplitter.recursive(1000, 200))   // was DocumentSplitters.recursive(1000, 200)
 *         .embeddingModel(model).embeddingStore(store).build();
 *
 * DocumentSplitter markdown = ChunkingDocumentSplitter.builder()
 *         .strategy("markdown").maxSize(800).overlap(100).build();
 * }</pre>
 *
 * <p>Every segment is an exact slice of {@code Document.text()}: its metadata is a copy of the
 * document's, with LangChain4j's {@code index} and the keys of {@link SegmentMetadata}
 * (code-point and UTF-8 byte offsets, size, level, strategy, and where the strategy gives them the
 * chunk id, parent id and heading path). Sizes are in code points (or tokens of a token counter),
 * not UTF-16 chars as in LangChain4j's splitters: the two differ only on characters outside the
 * Basic Multilingual Plane, such as emoji. A chunk LangChain4j cannot hold in a
 * {@code TextSegment}, one whose text is only characters up to U+0020 (blank by its rule), is
 * skipped: segments then cover the text except such whitespace, and {@code index} counts the
 * segments returned while {@code chunking_index} keeps the chunk's own index.
 *
 * <p>Failures are the library's unchecked {@link dev.chunking.domain.ChunkingException}s: bad
 * options when the splitter is built ({@link InvalidOptionsException},
 * {@link dev.chunking.domain.UnknownPluginException}), and while splitting a text that passes the
 * options' {@link InputLimits} ({@link dev.chunking.domain.InputLimitException}) or holds a lone
 * surrogate, half a UTF-16 pair that no Unicode text has ({@link dev.chunking.domain.MalformedInputException},
 * naming its index: the code that made the {@code String} cut a pair).
 *
 * <p>It is not registered with LangChain4j's service loader: with {@code langchain4j-easy-rag} on
 * the class path, a second {@code DocumentSplitterFactory} makes an {@code EmbeddingStoreIngestor}
 * built without a splitter fail ("multiple document splitters"). Pass it to the ingestor, or
 * register {@link ChunkingDocumentSplitterFactory} yourself (see there).
 *
 * <p>Immutable and thread-safe: build one per configuration and share it; each
 * {@link #split(Document)} opens its own chunker.
 */
public final class ChunkingDocumentSplitter implements DocumentSplitter {
    private static final ChunkingDocumentSplitter DEFAULTS = new ChunkingDocumentSplitter(
            Chunking.recursive(ChunkingOptions.DEFAULT_MAX_SIZE, ChunkingOptions.DEFAULT_OVERLAP), DocumentIds::fromMetadata);

    private final Chunking chunking;
    private final Function<Document, String> documentId;

    private ChunkingDocumentSplitter(Chunking chunking, Function<Document, String> documentId) {
        this.chunking = chunking;
        this.documentId = documentId;
    }

    /**
     * The defaults: the {@code recursive} strategy with {@link ChunkingOptions#defaults()} (at most
     * 1000 code points, overlap up to 200, min size 250).
     *
     * @return the shared default splitter
     */
    public static ChunkingDocumentSplitter defaults() {
        return DEFAULTS;
    }

    /**
     * The {@code recursive} strategy at a size and overlap in code points, the counterpart of
     * LangChain4j's {@code DocumentSplitters.recursive(maxSegmentSizeInChars, maxOverlapSizeInChars)};
     * the min size is a quarter of the max size ({@link ChunkingOptions#defaultMinSize(int)}). Loads
     * no service registry.
     *
     * @param maxSize the largest segment, in code points
     * @param overlap how many code points a segment may share with the one before, below {@code maxSize}
     * @return a new splitter
     * @throws InvalidOptionsException if {@code maxSize} is out of range, or {@code overlap} is negative
     *     or not below {@code maxSize}
     */
    public static ChunkingDocumentSplitter recursive(int maxSize, int overlap) {
        return new ChunkingDocumentSplitter(Chunking.recursive(maxSize, overlap), DocumentIds::fromMetadata);
    }

    /**
     * A splitter over a {@link Chunking} the host already has, with the default document ids.
     *
     * @param chunking the strategy and options
     * @return a new splitter
     */
    public static ChunkingDocumentSplitter of(Chunking chunking) {
        return new ChunkingDocumentSplitter(Objects.requireNonNull(chunking, "chunking"), DocumentIds::fromMetadata);
    }

    /**
     * Starts a builder preset to {@link #defaults()}: strategy {@code recursive}, the options of
     * {@link ChunkingOptions#builder()}, the plugins found by {@link StrategyRegistry#load()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Splits a document into segments, in chunk order (for {@code hierarchical}, as it emits them:
     * a parent after its children). The text is chunked whole, in this thread.
     *
     * @param document the document; its text and metadata are read, never changed
     * @return the segments, a new modifiable list
     * @throws dev.chunking.domain.InputLimitException if the text passes one of the options' limits
     * @throws dev.chunking.domain.MalformedInputException if the text holds a lone surrogate
     * @throws InvalidOptionsException if the builder's {@code documentId} function gives an invalid id
     */
    @Override
    public List<TextSegment> split(Document document) {
        Objects.requireNonNull(document, "document");
        DocumentId id = DocumentIds.of(documentId, document);
        String text = document.text();
        int surrogates = surrogates(text);
        SegmentCollector segments = new SegmentCollector(document.metadata(), text, surrogates > 0);
        try (Chunker chunker = chunking.open(id, segments)) {
            if (surrogates < 0) {
                chunker.feed(text); // fails naming the surrogate's index
            } else {
                chunker.feed(text.getBytes(StandardCharsets.UTF_8)); // the JDK's encoder, faster than the chunker's own on chars
            }
            chunker.finish();
        }
        return segments.segments();
    }

    /**
     * Counts the surrogate pairs of a text, or finds half of one ({@code getBytes} would turn it
     * into {@code ?} silently).
     *
     * @return the number of pairs, or -1 if there is a lone surrogate
     */
    static int surrogates(String text) {
        int pairs = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    pairs++;
                } else {
                    return -1;
                }
            }
        }
        return pairs;
    }

    /**
     * Returns the strategy and options in use.
     *
     * @return the chunking
     */
    public Chunking chunking() {
        return chunking;
    }

    @Override
    public String toString() {
        return "ChunkingDocumentSplitter[strategy=" + chunking.strategy().name() + ", options=" + chunking.options() + "]";
    }

    /**
     * Mutable builder for {@link ChunkingDocumentSplitter}; not thread-safe. The sizes, unit,
     * token counter, parameters and limits go into a
     * {@link ChunkingOptions.Builder}, so unset overlap and min size follow the max size as there;
     * everything is validated in {@link #build()}.
     */
    public static final class Builder {
        private String strategy = RecursiveStrategy.NAME;
        private ChunkingOptions.Builder options = ChunkingOptions.builder();
        private StrategyRegistry registry;
        private Function<Document, String> documentId = DocumentIds::fromMetadata;

        private Builder() {
        }

        /**
         * Sets the strategy by name: {@code character}, {@code recursive} (default),
         * {@code markdown}, {@code semantic}, {@code hierarchical}, {@code hybrid}, or a plugin's.
         *
         * @param name a strategy registered in the registry
         * @return this builder
         */
        public Builder strategy(String name) {
            strategy = name;
            return this;
        }

        /**
         * Replaces every option with the given ones (each then counts as set: a later
         * {@link #maxSize(int)} no longer moves the overlap and min size).
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(ChunkingOptions value) {
            options = Objects.requireNonNull(value, "options").toBuilder();
            return this;
        }

        /**
         * Sets the largest segment, in the unit; default 1000.
         *
         * @param value 1 to {@link ChunkingOptions#LIMIT_MAX_SIZE}
         * @return this builder
         */
        public Builder maxSize(int value) {
            options.maxSize(value);
            return this;
        }

        /**
         * Sets how much of a segment's end the next one may repeat; unless set, a fifth of the max size.
         *
         * @param value 0 up to the max size, exclusive
         * @return this builder
         */
        public Builder overlap(int value) {
            options.overlap(value);
            return this;
        }

        /**
         * Sets the size below which a chunk does not end at a preferred boundary; unless set, a
         * quarter of the max size.
         *
         * @param value 0 up to the max size
         * @return this builder
         */
        public Builder minSize(int value) {
            options.minSize(value);
            return this;
        }

        /**
         * Sets the unit of the sizes: code points (default) or tokens of {@link #tokenCounter(String)}.
         *
         * @param value the unit
         * @return this builder
         */
        public Builder unit(SizeUnit value) {
            options.unit(value);
            return this;
        }

        /**
         * Sets the token counter by name, for sizes in tokens ({@code cl100k_base} and
         * {@code o200k_base} come with the chunking-tokenizers artifact).
         *
         * @param name a registered token counter
         * @return this builder
         */
        public Builder tokenCounter(String name) {
            options.tokenCounter(name);
            return this;
        }

        /**
         * Sets a strategy parameter, such as {@code levels=2048,512,128} for {@code hierarchical} or
         * {@code embedder=lexical} for {@code semantic}.
         *
         * @param name the parameter, as the strategy describes it
         * @param value its value
         * @return this builder
         */
        public Builder parameter(String name, String value) {
            options.parameter(name, value);
            return this;
        }

        /**
         * Sets the most bytes, chunks and metadata bytes a document may have.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(InputLimits value) {
            options.limits(value);
            return this;
        }

        /**
         * Sets where the strategy, the token counter and the strategy's embedder are looked up;
         * by default a {@link StrategyRegistry#load()} made in {@link #build()}.
         *
         * @param value the registry
         * @return this builder
         */
        public Builder registry(StrategyRegistry value) {
            registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * Sets how a document's id is found (it is part of the chunk ids of {@code hierarchical});
         * by default the {@code url} metadata, else {@code absolute_directory_path/file_name}, else
         * {@code file_name}, else {@code "document"}.
         *
         * @param value a thread-safe function giving 1 to 512 chars without control characters
         * @return this builder
         */
        public Builder documentId(Function<Document, String> value) {
            documentId = Objects.requireNonNull(value, "documentId");
            return this;
        }

        /**
         * Validates the settings and builds the splitter.
         *
         * @return the splitter
         * @throws InvalidOptionsException if an option is out of range, or the strategy does not read a
         *     parameter that is set or refuses its value
         * @throws dev.chunking.domain.UnknownPluginException if the strategy, token counter or embedder
         *     is not registered, listing those that are (one chunker is opened and closed to check the
         *     settings a strategy reads only when it opens)
         */
        public ChunkingDocumentSplitter build() {
            if (strategy == null || strategy.isBlank()) {
                throw new InvalidOptionsException("the ChunkingDocumentSplitter has no strategy ('" + strategy
                        + "'); set strategy(...) to a registered name such as recursive or markdown");
            }
            ChunkingOptions built = options.build();
            StrategyRegistry plugins = registry != null ? registry : StrategyRegistry.load();
            Chunking chunking = Chunking.of(plugins, strategy, built);
            try (Chunker probe = chunking.open(DocumentId.of(DocumentIds.FALLBACK), chunk -> { })) {
                // opening checks what the strategy checks only then (such as its embedder): fail here, not at the first split
                probe.bytesFed();
            }
            return new ChunkingDocumentSplitter(chunking, documentId);
        }
    }
}
