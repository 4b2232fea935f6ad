package dev.chunking.domain;

import java.util.Map;

/**
 * What a run of a chunker over one source must remember to be resumed after a crash: the
 * format version, the collection and document it belongs to (a checkpoint is never shared by
 * the same document id in two collections), the strategy and options it ran with, the source's fingerprint,
 * where the chunker stood, and attributes a host adds (such as how many output bytes it had
 * made durable). Taken only after the chunks before {@code position.nextIndex()} were handed to
 * the sink. Immutable.
 *
 * @param formatVersion version of the stored format, {@link #FORMAT_VERSION} when written by this library
 * @param collection the collection the document belongs to
 * @param document the document
 * @param strategy the strategy's name
 * @param options the options of the run
 * @param source the source's fingerprint
 * @param position where the chunker stood
 * @param attributes the host's own values, copied
 */
public record Checkpoint(int formatVersion, CollectionId collection, DocumentId document, String strategy, ChunkingOptions options,
                         SourceFingerprint source, ResumePoint position, Map<String, String> attributes) {
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 2;

    /**
     * The attribute, set to {@code "true"}, that marks the checkpoint of a run that read its
     * document to the end: a durable sink completes the document when it commits one.
     */
    public static final String COMPLETED_ATTRIBUTE = "chunking.completed";

    /**
     * Validates and copies the checkpoint.
     *
     * @throws InvalidOptionsException if a part is missing
     */
    public Checkpoint {
        if (collection == null || document == null || strategy == null || options == null || source == null || position == null || attributes == null) {
            throw new InvalidOptionsException("checkpoint: collection, document, strategy, options, source, position and attributes must be set");
        }
        attributes = Map.copyOf(attributes);
    }
}
