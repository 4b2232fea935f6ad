package dev.chunking.langchain4j;

import dev.chunking.domain.HeadingPath;
import dev.langchain4j.data.document.Metadata;
import java.util.List;

/**
 * The metadata keys {@link ChunkingDocumentSplitter} writes into every {@code TextSegment}, with
 * their value types. A segment starts from a copy of its document's metadata (as LangChain4j's own
 * splitters do), then gets LangChain4j's {@value #INDEX} and the library's keys below, which all
 * start with {@link #PREFIX} so that they never meet a document's own keys (a document's keys with
 * that prefix are not copied).
 *
 * <p>Offsets, sizes and the level are numbers ({@link Long} or {@link Integer}, read them with
 * {@link Metadata#getLong(String)} and {@link Metadata#getInteger(String)}), so that an embedding
 * store's metadata filter can compare them as numbers ({@code metadataKey("chunking_start").isGreaterThan(1000L)}).
 * Ids, the strategy and the heading path are strings. Keys marked "when present" are absent from
 * segments the strategy gave no such fact.
 *
 * <p>Offsets are those of the source document's text ({@code Document.text()}): {@code text} equals
 * the code-point slice {@code [chunking_start, chunking_end)} of it and, encoded as UTF-8, its byte
 * slice {@code [chunking_byte_start, chunking_byte_end)}. Stateless and thread-safe.
 *
 * <p>The keys the Spring AI bridge also writes ({@code chunking-spring-ai}'s {@code MetadataKeys})
 * have the same names and formats there: {@link #START}, {@link #END}, {@link #BYTE_START},
 * {@link #BYTE_END}, {@link #ID}, {@link #PARENT_ID}, {@link #HEADINGS} (the same JSON array,
 * written by {@link HeadingPath#toJson(List)}), {@link #LEVEL} and {@link #STRATEGY}, so a vector
 * store holding segments of both reads them alike (one difference: there every chunk has an
 * {@link #ID}, {@code <document>#<index>} where the strategy gives none; here only chunks of
 * strategies that link chunks).
 */
public final class SegmentMetadata {
    /**
     * The prefix of every key of the library, {@value}. A document's own keys with this prefix
     * (left by an earlier split of a segment, say) are not copied into its segments.
     */
    public static final String PREFIX = "chunking_";

    /**
     * LangChain4j's own key: the segment's position among the segments of its document, from 0, as a
     * {@link String} (its splitters write {@code String.valueOf(index)}, and code that reads it
     * expects that type). The same number as {@link #CHUNK_INDEX} unless a blank chunk was skipped
     * (see {@link ChunkingDocumentSplitter}).
     */
    public static final String INDEX = "index";

    /** The chunk's index in the library's chunk sequence of the document, from 0; {@link Long}. */
    public static final String CHUNK_INDEX = "chunking_index";

    /** Code-point offset of the segment's first code point in the document's text, inclusive; {@link Long}. */
    public static final String START = "chunking_start";

    /** Code-point offset after the segment's last code point, exclusive; {@link Long}. */
    public static final String END = "chunking_end";

    /** UTF-8 byte offset of the segment's first byte in the document's text, inclusive; {@link Long}. */
    public static final String BYTE_START = "chunking_byte_start";

    /** UTF-8 byte offset after the segment's last byte, exclusive; {@link Long}. */
    public static final String BYTE_END = "chunking_byte_end";

    /** The segment's size in {@link #UNIT}: code points, or tokens of the configured token counter; {@link Integer}. */
    public static final String SIZE = "chunking_size";

    /** The unit of {@link #SIZE}: {@code "chars"} (code points) or {@code "tokens"}; {@link String}. */
    public static final String UNIT = "chunking_unit";

    /** Name of the strategy that cut the segment, such as {@code "recursive"}; {@link String}. */
    public static final String STRATEGY = "chunking_strategy";

    /**
     * The segment's level: 0 for top-level chunks; the heading depth for {@code markdown} and
     * {@code hybrid}; 0 for the coarsest level of {@code hierarchical}, larger for finer ones; {@link Integer}.
     */
    public static final String LEVEL = "chunking_level";

    /**
     * When present: the chunk's own id where the strategy links chunks to each other (the
     * {@code hierarchical} strategy's {@code <document id>#L<level>-<n>}); {@link String}.
     */
    public static final String ID = "chunking_id";

    /** When present: the {@link #ID} of the enclosing chunk in a hierarchy; {@link String}. */
    public static final String PARENT_ID = "chunking_parent_id";

    /**
     * When present: the heading path above the segment, outermost first, as a JSON array of
     * strings such as {@code ["Install","On Linux"]} (a heading may hold any character, a
     * separator included, so the path is not joined; {@link HeadingPath} writes and reads it);
     * {@link String}. Read it back with {@link #headings(Metadata)}.
     */
    public static final String HEADINGS = "chunking_headings";

    /**
     * Prefix of the strategy's further named facts, each a {@link String} under
     * {@code chunking_attribute_<name>}: {@code block} ({@code "front-matter"}) and {@code tableHeader}
     * (the header row of the table a chunk continues) from {@code markdown}, {@code subStrategy} from {@code hybrid}.
     */
    public static final String ATTRIBUTE_PREFIX = "chunking_attribute_";

    private SegmentMetadata() {
    }

    /**
     * Reads the heading path of a segment back into a list.
     *
     * @param metadata a segment's metadata
     * @return the headings, outermost first; empty when the segment has none
     * @throws dev.chunking.domain.InvalidOptionsException if the value under {@link #HEADINGS} is not
     *     a JSON array of strings (it was not written by this library)
     */
    public static List<String> headings(Metadata metadata) {
        String value = metadata.getString(HEADINGS);
        return value == null ? List.of() : HeadingPath.fromJson(value, "segment metadata " + HEADINGS);
    }
}
