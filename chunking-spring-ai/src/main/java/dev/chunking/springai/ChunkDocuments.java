package dev.chunking.springai;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.HeadingPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.document.ContentFormatter;
import org.springframework.ai.document.DefaultContentFormatter;
import org.springframework.ai.document.Document;

/**
 * The metadata and content formatter of a chunk document: the source's metadata, then Spring AI's
 * keys, then ours ({@link MetadataKeys}); the source's formatter with our position keys left out of
 * the embedded text. Stateless and thread-safe.
 */
final class ChunkDocuments {
    /** The document id of chunks cut by {@code splitText}, which has no source document. */
    static final DocumentId TEXT_DOCUMENT = DocumentId.of("text");

    /** Longest part of an id quoted in a message, in chars. */
    private static final int QUOTED_ID_LENGTH = 40;

    /** Spring AI's default formatter, our position keys excluded: the one most chunks get, made once. */
    private static final ContentFormatter DEFAULT_FORMATTER = excluding((DefaultContentFormatter) Document.DEFAULT_CONTENT_FORMATTER);

    private ChunkDocuments() {
    }

    /**
     * The content formatter of a chunk: a {@link DefaultContentFormatter} like the given one that
     * also excludes {@link MetadataKeys#EXCLUDED_FROM_EMBEDDING} from the embed and inference
     * texts, or any other kind of formatter as it is.
     *
     * @param formatter the source's formatter, or Spring AI's default
     * @return the chunk's formatter
     */
    static ContentFormatter formatter(ContentFormatter formatter) {
        if (formatter == Document.DEFAULT_CONTENT_FORMATTER) {
            return DEFAULT_FORMATTER;
        }
        return formatter instanceof DefaultContentFormatter known ? excluding(known) : formatter;
    }

    private static DefaultContentFormatter excluding(DefaultContentFormatter formatter) {
        return DefaultContentFormatter.builder().from(formatter)
                .withExcludedEmbedMetadataKeys(union(formatter.getExcludedEmbedMetadataKeys()))
                .withExcludedInferenceMetadataKeys(union(formatter.getExcludedInferenceMetadataKeys()))
                .build();
    }

    private static List<String> union(List<String> excluded) {
        Set<String> keys = new LinkedHashSet<>(excluded);
        keys.addAll(MetadataKeys.EXCLUDED_FROM_EMBEDDING);
        return new ArrayList<>(keys);
    }

    /**
     * Quotes an id for a message: its first {@value #QUOTED_ID_LENGTH} chars, control characters escaped.
     *
     * @param id the id
     * @return the quoted id
     */
    static String abbreviated(String id) {
        StringBuilder quoted = new StringBuilder("'");
        id.codePoints().limit(QUOTED_ID_LENGTH).forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append(id.codePointCount(0, id.length()) > QUOTED_ID_LENGTH ? "...'" : "'").toString();
    }

    /**
     * The metadata of one chunk document: a copy of the source's entries (Spring AI's documents
     * hold no null key or value), then the keys of {@link MetadataKeys}, which replace source
     * entries of the same name (as Spring AI's own keys do in its splitters).
     *
     * @param source the document the chunk was cut from
     * @param chunk the chunk
     * @param total how many chunks the source was cut into
     * @return a new mutable map
     */
    static Map<String, Object> metadata(Document source, Chunk chunk, int total) {
        Map<String, Object> metadata = new HashMap<>(source.getMetadata());
        metadata.put(MetadataKeys.PARENT_DOCUMENT_ID, source.getId());
        metadata.put(MetadataKeys.CHUNK_INDEX, Math.toIntExact(chunk.index()));
        metadata.put(MetadataKeys.TOTAL_CHUNKS, total);
        metadata.put(MetadataKeys.START, chunk.start());
        metadata.put(MetadataKeys.END, chunk.end());
        metadata.put(MetadataKeys.BYTE_START, chunk.byteStart());
        metadata.put(MetadataKeys.BYTE_END, chunk.byteEnd());
        ChunkMetadata structure = chunk.metadata();
        metadata.put(MetadataKeys.ID, structure.id().orElseGet(() -> chunk.document().value() + "#" + chunk.index()));
        structure.parent().ifPresent(parent -> metadata.put(MetadataKeys.PARENT_ID, parent));
        if (!structure.headings().isEmpty()) {
            metadata.put(MetadataKeys.HEADINGS, HeadingPath.toJson(structure.headings()));
        }
        metadata.put(MetadataKeys.LEVEL, structure.level());
        metadata.put(MetadataKeys.STRATEGY, chunk.strategy());
        return metadata;
    }
}
