package dev.chunking.springai;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.document.ContentFormatter;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.id.IdGenerator;
import org.springframework.ai.document.id.RandomIdGenerator;
import org.springframework.ai.transformer.splitter.TextSplitter;

/**
 * A Spring AI {@link TextSplitter} (and so a {@link org.springframework.ai.document.DocumentTransformer})
 * backed by any chunking strategy: a drop-in for Spring AI's {@code TokenTextSplitter} in an ETL
 * pipeline, {@code vectorStore.add(ChunkingTextSplitter.defaults().apply(reader.get()))}.
 *
 * <p>Each source document with text is cut into chunks by the strategy; each chunk becomes a
 * {@link Document} whose text is exactly the source's slice at the offsets in its metadata. The
 * metadata is the source document's, plus Spring AI's own keys, plus this library's, all named in
 * {@link MetadataKeys}. As Spring AI's splitters do, each new document keeps the source's score,
 * and its content formatter unless {@link Builder#copyContentFormatter(boolean)} says otherwise
 * (then it gets Spring AI's default); a {@code DefaultContentFormatter} is given
 * {@link MetadataKeys#EXCLUDED_FROM_EMBEDDING} as excluded embed and inference keys besides its
 * own, so offsets and ids stay out of the text an embedding model sees. Its id comes from the
 * {@link IdGenerator} (random UUIDs by default, as Spring AI's). A document without text (media
 * only) is passed on unchanged; an empty text gives no chunk.
 *
 * <p>{@link #apply(List)} builds the documents from the chunks themselves, not from the strings
 * of {@link #splitText(String)}, so the offsets are the strategy's, never found again by
 * searching the text.
 *
 * <p>Immutable and thread-safe: build one (a Spring bean) and share it. Settings are fixed by
 * the {@link Builder}; {@link #setCopyContentFormatter(boolean)}, inherited from Spring AI, is
 * refused.
 */
public final class ChunkingTextSplitter extends TextSplitter {
    /** The strategy of {@link #defaults()} and of a builder that names none: {@code recursive}. */
    public static final String DEFAULT_STRATEGY = "recursive";

    private final Chunking chunking;
    private final boolean copyContentFormatter;
    private final IdGenerator idGenerator;

    private ChunkingTextSplitter(Chunking chunking, boolean copyContentFormatter, IdGenerator idGenerator) {
        this.chunking = chunking;
        this.copyContentFormatter = copyContentFormatter;
        this.idGenerator = idGenerator;
    }

    /**
     * The {@code recursive} strategy with {@link ChunkingOptions#defaults()}: at most 1000 code
     * points per chunk, 200 of overlap, paragraph, line, sentence and word boundaries in that
     * order of preference.
     *
     * @return a new splitter; keep and share it
     */
    public static ChunkingTextSplitter defaults() {
        return builder().build();
    }

    /**
     * Starts a builder with the defaults of {@link #defaults()}.
     *
     * @return a new builder, not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Cuts every document with text into chunk documents, in order: the chunks of the first
     * document, then those of the second, and so on. Media-only documents are passed on as they
     * are, in their place.
     *
     * @param documents the source documents
     * @return the chunk documents, a new mutable list
     * @throws InvalidOptionsException if a document's id is not a valid
     *     {@link dev.chunking.domain.DocumentId} (blank, over 512 chars, or with control characters)
     * @throws dev.chunking.domain.ChunkingException if the strategy fails, such as on a lone
     *     surrogate with the default malformed-input policy
     */
    @Override
    public List<Document> apply(List<Document> documents) {
        Objects.requireNonNull(documents, "documents");
        List<Document> out = new ArrayList<>();
        for (Document document : documents) {
            if (document.isText()) {
                split(document, out);
            } else {
                out.add(document);
            }
        }
        return out;
    }

    private void split(Document source, List<Document> out) {
        DocumentId id;
        try {
            id = DocumentId.of(source.getId());
        } catch (InvalidOptionsException e) {
            throw new InvalidOptionsException("Spring AI document " + ChunkDocuments.abbreviated(source.getId()) + ": "
                    + e.getMessage() + "; its id names its chunks (" + MetadataKeys.ID + "), so give the Document an id"
                    + " of at most 512 chars without control characters");
        }
        List<Chunk> chunks = chunking.chunk(id, source.getText());
        ContentFormatter formatter = ChunkDocuments.formatter(copyContentFormatter ? source.getContentFormatter()
                : Document.DEFAULT_CONTENT_FORMATTER);
        for (Chunk chunk : chunks) {
            Document document = Document.builder()
                    .idGenerator(idGenerator)
                    .text(chunk.text())
                    .metadata(ChunkDocuments.metadata(source, chunk, chunks.size()))
                    .score(source.getScore())
                    .build();
            document.setContentFormatter(formatter);
            out.add(document);
        }
    }

    /**
     * Returns the texts of the chunks of one text, in order, for callers of Spring AI's
     * {@code splitText} contract; {@link #apply(List)} does not use it.
     *
     * @param text the text to cut
     * @return the chunk texts
     */
    @Override
    protected List<String> splitText(String text) {
        List<Chunk> chunks = chunking.chunk(ChunkDocuments.TEXT_DOCUMENT, text);
        List<String> texts = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            texts.add(chunk.text());
        }
        return texts;
    }

    /**
     * Whether chunk documents get the content formatter of their source, as set on the builder.
     *
     * @return the setting; {@code true} by default, as in Spring AI
     */
    @Override
    public boolean isCopyContentFormatter() {
        return copyContentFormatter;
    }

    /**
     * Refused: the splitter is immutable; set it with {@link Builder#copyContentFormatter(boolean)}.
     *
     * @param copyContentFormatter ignored
     * @throws InvalidOptionsException always
     */
    @Override
    public void setCopyContentFormatter(boolean copyContentFormatter) {
        throw new InvalidOptionsException("copyContentFormatter is fixed when a ChunkingTextSplitter is built (it is "
                + this.copyContentFormatter + "); set it with ChunkingTextSplitter.builder().copyContentFormatter("
                + copyContentFormatter + ")");
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
        return "ChunkingTextSplitter[strategy=" + chunking.strategy().name() + ", options=" + chunking.options() + "]";
    }

    /**
     * Settings of a {@link ChunkingTextSplitter}: the strategy by name, its options and the
     * registry to find it in, or a ready {@link Chunking}; whether to copy the content formatter;
     * the id generator. {@link #build()} resolves the names once. Not thread-safe; the splitter
     * it builds is.
     */
    public static final class Builder {
        private String strategy;
        private ChunkingOptions options;
        private StrategyRegistry registry;
        private Chunking chunking;
        private boolean copyContentFormatter = true;
        private IdGenerator idGenerator = new RandomIdGenerator();

        private Builder() {
        }

        /**
         * Names the strategy, looked up in the registry when the splitter is built.
         *
         * @param name a registered strategy, such as {@code "markdown"}; default {@value ChunkingTextSplitter#DEFAULT_STRATEGY}
         * @return this builder
         */
        public Builder strategy(String name) {
            this.strategy = Objects.requireNonNull(name, "strategy");
            return this;
        }

        /**
         * Sets the sizes, unit, overlap and strategy parameters.
         *
         * @param value the options; default {@link ChunkingOptions#defaults()}
         * @return this builder
         */
        public Builder options(ChunkingOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Sets where the strategy, token counter and embedder are looked up by name.
         *
         * @param value the registry; default {@link StrategyRegistry#load()}, once per build
         * @return this builder
         */
        public Builder registry(StrategyRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * Uses a ready strategy and options instead of {@link #strategy}, {@link #options} and
         * {@link #registry}, which must then stay unset.
         *
         * @param value the chunking, such as {@code Chunking.recursive(800, 100)}
         * @return this builder
         */
        public Builder chunking(Chunking value) {
            this.chunking = Objects.requireNonNull(value, "chunking");
            return this;
        }

        /**
         * Sets whether chunk documents get their source's content formatter, as Spring AI's
         * {@code TextSplitter.setCopyContentFormatter} does.
         *
         * @param value {@code true} by default
         * @return this builder
         */
        public Builder copyContentFormatter(boolean value) {
            this.copyContentFormatter = value;
            return this;
        }

        /**
         * Sets how chunk documents get their ids; it must be thread-safe to share the splitter.
         *
         * @param value such as Spring AI's {@code JdkSha256HexIdGenerator} for ids made from the
         *     content; default {@link RandomIdGenerator}, as Spring AI's splitters
         * @return this builder
         */
        public Builder idGenerator(IdGenerator value) {
            this.idGenerator = Objects.requireNonNull(value, "idGenerator");
            return this;
        }

        /**
         * Resolves the strategy and builds the splitter; the builder may be changed and reused
         * afterwards without affecting it.
         *
         * @return a new, immutable splitter
         * @throws InvalidOptionsException if {@link #chunking(Chunking)} was set together with a
         *     strategy, options or registry, or the options set a parameter the strategy does
         *     not read or a value it does not accept
         * @throws dev.chunking.domain.UnknownPluginException if the strategy, token counter or
         *     embedder is not registered, listing those that are
         */
        public ChunkingTextSplitter build() {
            Chunking resolved = chunking;
            if (resolved != null) {
                if (strategy != null || options != null || registry != null) {
                    throw new InvalidOptionsException("ChunkingTextSplitter.builder(): chunking(...) was set together with "
                            + (strategy != null ? "strategy(\"" + strategy + "\")" : options != null ? "options(...)" : "registry(...)")
                            + "; set either chunking(...) or strategy/options/registry, not both");
                }
            } else {
                resolved = Chunking.of(registry != null ? registry : StrategyRegistry.load(),
                        strategy != null ? strategy : DEFAULT_STRATEGY, options != null ? options : ChunkingOptions.defaults());
            }
            return new ChunkingTextSplitter(resolved, copyContentFormatter, idGenerator);
        }
    }
}
