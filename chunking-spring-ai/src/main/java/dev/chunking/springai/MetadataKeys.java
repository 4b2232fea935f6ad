package dev.chunking.springai;

import java.util.List;

/**
 * The metadata keys {@link ChunkingTextSplitter} writes on every Spring AI
 * {@link org.springframework.ai.document.Document} it makes, with the type of each value. The
 * first three are Spring AI's own: its {@code TextSplitter} (and so {@code TokenTextSplitter})
 * writes them under these exact names and types in Spring AI 1.1, so code that reads them keeps
 * working after the swap. The others carry the chunk's exact place in the source, prefixed
 * {@code chunking_} so that they never collide with a reader's keys (such as {@code source} or
 * {@code charset}); snake case, like Spring AI's, so that every vector store's filter syntax can
 * name them. Numbers are numbers, never strings, so a filter can compare them.
 *
 * <p>Offsets count in the text of the source document ({@code Document.getText()}), from 0:
 * code points (not Java chars) for {@link #START} and {@link #END}, UTF-8 bytes for
 * {@link #BYTE_START} and {@link #BYTE_END}; the document's text is exactly the source's code
 * points {@code [start, end)}. A leading byte order mark is not part of any chunk, and offsets
 * still count it. Constants only; nothing to instantiate.
 */
public final class MetadataKeys {
    /** Spring AI's key: the id of the source document the chunk was cut from ({@code String}). */
    public static final String PARENT_DOCUMENT_ID = "parent_document_id";
    /** Spring AI's key: the chunk's position among the source document's chunks, from 0 ({@code Integer}). */
    public static final String CHUNK_INDEX = "chunk_index";
    /** Spring AI's key: how many chunks the source document was cut into ({@code Integer}). */
    public static final String TOTAL_CHUNKS = "total_chunks";

    /** Code-point offset of the chunk's first code point in the source text, inclusive ({@code Long}). */
    public static final String START = "chunking_start";
    /** Code-point offset after the chunk's last code point in the source text, exclusive ({@code Long}). */
    public static final String END = "chunking_end";
    /** UTF-8 byte offset of the chunk's first byte in the source text, inclusive ({@code Long}). */
    public static final String BYTE_START = "chunking_byte_start";
    /** UTF-8 byte offset after the chunk's last byte in the source text, exclusive ({@code Long}). */
    public static final String BYTE_END = "chunking_byte_end";
    /**
     * The chunk's stable id ({@code String}): the one its strategy gives where it links chunks
     * ({@code hierarchical}: {@code <document>#L<level>-<n>}), otherwise {@code <document>#<index>},
     * the document being the source document's id. Unlike the Spring AI document id (random by
     * default), the same source and settings give the same chunk ids on every run.
     */
    public static final String CHUNK_ID = "chunking_chunk_id";
    /** The {@link #CHUNK_ID} of the enclosing chunk, where the strategy has one ({@code hierarchical}; {@code String}). */
    public static final String PARENT_CHUNK_ID = "chunking_parent_id";
    /**
     * The heading path above the chunk, outermost first, joined with {@link #HEADING_SEPARATOR}
     * ({@code String}); only where the strategy knows headings ({@code markdown}, {@code hybrid}).
     */
    public static final String HEADING_PATH = "chunking_heading_path";
    /** The chunk's level: 0 at the top, larger for finer levels or deeper headings ({@code Integer}). */
    public static final String LEVEL = "chunking_level";
    /** The name of the strategy that cut the chunk, such as {@code recursive} ({@code String}). */
    public static final String STRATEGY = "chunking_strategy";

    /**
     * The keys above that say where a chunk is rather than what it is about: every key of this
     * library but {@link #HEADING_PATH}. {@link ChunkingTextSplitter} leaves them out of the text
     * a Spring AI {@code DefaultContentFormatter} gives the embedding model and the chat model
     * (its excluded embed and inference metadata keys), so offsets and ids never become words of
     * a vector. Spring AI's own three keys are left as Spring AI's splitters leave them.
     */
    public static final List<String> EXCLUDED_FROM_EMBEDDING = List.of(START, END, BYTE_START, BYTE_END, CHUNK_ID,
            PARENT_CHUNK_ID, LEVEL, STRATEGY);

    /** Joins the headings of {@link #HEADING_PATH}: {@code " > "}. */
    public static final String HEADING_SEPARATOR = " > ";

    private MetadataKeys() {
    }
}
