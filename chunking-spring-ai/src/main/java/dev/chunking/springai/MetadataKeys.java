package dev.chunking.springai;

import dev.chunking.domain.HeadingPath;
import dev.chunking.domain.InvalidOptionsException;
import java.util.List;
import java.util.Map;

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
 * still count it.
 *
 * <p>The keys the LangChain4j bridge also writes ({@code chunking-langchain4j}'s
 * {@code SegmentMetadata}) have the same names and formats there: {@link #START}, {@link #END},
 * {@link #BYTE_START}, {@link #BYTE_END}, {@link #ID}, {@link #PARENT_ID}, {@link #HEADINGS} (the
 * same JSON array, written by {@link HeadingPath#toJson(List)}), {@link #LEVEL} and
 * {@link #STRATEGY}, so a vector store holding documents of both reads them alike (one difference:
 * here every chunk has an {@link #ID}, there only chunks of strategies that link chunks). Every value
 * is a plain string or number, which every vector store accepts. Constants and {@link #headings(Map)};
 * nothing to instantiate.
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
    public static final String ID = "chunking_id";
    /** The {@link #ID} of the enclosing chunk, where the strategy has one ({@code hierarchical}; {@code String}). */
    public static final String PARENT_ID = "chunking_parent_id";
    /**
     * The heading path above the chunk, outermost first, as a JSON array of strings such as
     * {@code ["Install","On Linux"]} ({@code String}; a heading may hold any character, a separator
     * included, so the path is not joined); only where the strategy knows headings ({@code markdown},
     * {@code hybrid}). Read it back with {@link #headings(Map)}.
     */
    public static final String HEADINGS = "chunking_headings";
    /** The chunk's level: 0 at the top, larger for finer levels or deeper headings ({@code Integer}). */
    public static final String LEVEL = "chunking_level";
    /** The name of the strategy that cut the chunk, such as {@code recursive} ({@code String}). */
    public static final String STRATEGY = "chunking_strategy";

    /**
     * The keys above that say where a chunk is rather than what it is about: every key of this
     * library but {@link #HEADINGS}. {@link ChunkingTextSplitter} leaves them out of the text
     * a Spring AI {@code DefaultContentFormatter} gives the embedding model and the chat model
     * (its excluded embed and inference metadata keys), so offsets and ids never become words of
     * a vector. Spring AI's own three keys are left as Spring AI's splitters leave them.
     */
    public static final List<String> EXCLUDED_FROM_EMBEDDING = List.of(START, END, BYTE_START, BYTE_END, ID,
            PARENT_ID, LEVEL, STRATEGY);

    private MetadataKeys() {
    }

    /**
     * Reads the heading path of a chunk document back into a list.
     *
     * @param metadata a chunk document's metadata ({@code Document.getMetadata()})
     * @return the headings, outermost first; empty when the chunk has none
     * @throws InvalidOptionsException if the value under {@link #HEADINGS} is not a JSON array of
     *     strings (it was not written by this library)
     */
    public static List<String> headings(Map<String, ?> metadata) {
        Object value = metadata.get(HEADINGS);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof String json)) {
            throw new InvalidOptionsException("document metadata " + HEADINGS + " is a " + value.getClass().getName()
                    + ", not a String holding a JSON array of strings; ChunkingTextSplitter writes it as a String, read"
                    + " only documents it made");
        }
        return HeadingPath.fromJson(json, "document metadata " + HEADINGS);
    }
}
