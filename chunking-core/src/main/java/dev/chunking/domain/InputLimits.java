package dev.chunking.domain;

/**
 * Caps on what one document may make a chunker do: how many bytes the document may have, how
 * many chunks it may make, and how much metadata one chunk may carry. Every chunker opened
 * through {@code dev.chunking.application.Chunking} enforces the limits of its
 * {@link ChunkingOptions#limits()}, whatever the strategy. A document over a limit is refused
 * with an {@link InputLimitException} naming the value, the limit and the setting to change;
 * nothing is cut short silently: the chunks before the limit reach the sink, the chunk over it
 * and every later one do not, and the chunker then refuses further input and {@code finish()}.
 * Immutable and thread-safe.
 *
 * <p>The defaults are generous, so that no real document meets them, yet finite, so that a
 * source that never ends (a FIFO, a device, a stuck network stream) or a pathological input
 * stops with a clear error instead of running for ever or flooding the sink. Hosts that take
 * documents from untrusted callers set lower ones.
 *
 * <table>
 * <caption>Limits and their defaults</caption>
 * <tr><th>limit</th><th>default</th><th>counts</th></tr>
 * <tr><td>{@code maxDocumentBytes}</td><td>1 TiB (2<sup>40</sup> bytes)</td><td>UTF-8 bytes fed, from the document's
 *     start (a byte order mark included; a resumed chunker counts on from its resume point)</td></tr>
 * <tr><td>{@code maxChunks}</td><td>100,000,000</td><td>chunks of the document, from index 0</td></tr>
 * <tr><td>{@code maxMetadataBytes}</td><td>64 KiB</td><td>{@link ChunkMetadata#byteSize()} of each chunk</td></tr>
 * </table>
 *
 * <p>Limits do not change which chunks a document makes, only how far a run may go, so a
 * checkpoint taken under some limits resumes under others: raising a limit and resuming is how
 * a run refused at a limit goes on.
 *
 * @param maxDocumentBytes the most UTF-8 bytes a document may have, 0 or more
 * @param maxChunks the most chunks a document may make, 0 or more
 * @param maxMetadataBytes the most bytes of metadata one chunk may carry, 0 or more
 */
public record InputLimits(long maxDocumentBytes, long maxChunks, long maxMetadataBytes) {
    /**
     * Default document size: 1 TiB. Far above any one text document (memory stays bounded by
     * the chunk size whatever the length, so the cap is about time and output, not memory), and
     * reached by a source that never ends after minutes, not never.
     */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 1L << 40;
    /** Default chunk count per document: 100,000,000, some 80 GB of text at the default sizes. */
    public static final long DEFAULT_MAX_CHUNKS = 100_000_000L;
    /**
     * Default metadata size per chunk: 64 KiB, far above any real heading path or table header
     * row, and small enough for a store that keeps metadata beside every chunk.
     */
    public static final long DEFAULT_MAX_METADATA_BYTES = 64 * 1024;

    private static final InputLimits DEFAULTS = new InputLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_CHUNKS,
            DEFAULT_MAX_METADATA_BYTES);
    private static final InputLimits UNLIMITED = new InputLimits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * Validates the limits.
     *
     * @throws InvalidOptionsException naming the setting when a limit is negative
     */
    public InputLimits {
        check(maxDocumentBytes, "maxDocumentBytes", "--max-bytes");
        check(maxChunks, "maxChunks", "--max-chunks");
        check(maxMetadataBytes, "maxMetadataBytes", "--max-metadata-bytes");
    }

    private static void check(long value, String name, String option) {
        if (value < 0) {
            throw new InvalidOptionsException("input limit " + name + " " + value + " is negative; set InputLimits." + name
                    + " (" + option + ") to 0 or more");
        }
    }

    /**
     * Returns the defaults: 1 TiB per document, 100,000,000 chunks per document, 64 KiB of
     * metadata per chunk.
     *
     * @return the shared default limits
     */
    public static InputLimits defaults() {
        return DEFAULTS;
    }

    /**
     * Returns limits no input reaches ({@link Long#MAX_VALUE} each), for hosts that trust their
     * input and cap it elsewhere.
     *
     * @return the shared unlimited limits
     */
    public static InputLimits unlimited() {
        return UNLIMITED;
    }

    /**
     * Returns these limits with another document size limit.
     *
     * @param value the most UTF-8 bytes a document may have
     * @return the new limits
     */
    public InputLimits withMaxDocumentBytes(long value) {
        return new InputLimits(value, maxChunks, maxMetadataBytes);
    }

    /**
     * Returns these limits with another chunk count limit.
     *
     * @param value the most chunks a document may make
     * @return the new limits
     */
    public InputLimits withMaxChunks(long value) {
        return new InputLimits(maxDocumentBytes, value, maxMetadataBytes);
    }

    /**
     * Returns these limits with another metadata size limit.
     *
     * @param value the most bytes of metadata one chunk may carry
     * @return the new limits
     */
    public InputLimits withMaxMetadataBytes(long value) {
        return new InputLimits(maxDocumentBytes, maxChunks, value);
    }
}
