package dev.chunking.domain;

/**
 * One piece of a document, with its exact place in the source. {@code content} is exactly the
 * source slice {@code [start, end)} in code points and {@code [byteStart, byteEnd)} in UTF-8
 * bytes (the constructor checks that the lengths agree), except where malformed input was
 * replaced by U+FFFD, which {@code replacements} counts. Immutable and thread-safe.
 *
 * @param document the document the chunk came from
 * @param index position of the chunk in the document's chunk sequence, from 0
 * @param content the chunk's text, held as UTF-8
 * @param start code-point offset of the first code point, inclusive
 * @param end code-point offset after the last code point, exclusive
 * @param byteStart UTF-8 byte offset of the first byte, inclusive
 * @param byteEnd UTF-8 byte offset after the last byte, exclusive
 * @param size the chunk's size in {@code unit}
 * @param unit the unit of {@code size}
 * @param strategy name of the strategy that produced the chunk
 * @param metadata headings, level and parent; {@link ChunkMetadata#NONE} when not applicable
 * @param replacements malformed byte sequences of the source replaced by U+FFFD in this chunk;
 *     when not 0, {@code content} differs from the source bytes {@code [byteStart, byteEnd)} there
 */
public record Chunk(DocumentId document, long index, Utf8Text content, long start, long end,
                    long byteStart, long byteEnd, int size, SizeUnit unit, String strategy,
                    ChunkMetadata metadata, int replacements) {

    /**
     * Validates that offsets, lengths and names are consistent.
     *
     * @throws InvalidOptionsException if a value is null, negative or inconsistent with the content
     */
    public Chunk {
        if (document == null || content == null || unit == null || strategy == null || metadata == null) {
            throw new InvalidOptionsException("chunk: document, content, unit, strategy and metadata must not be null");
        }
        if (index < 0 || start < 0 || byteStart < 0 || size < 0 || replacements < 0) {
            throw new InvalidOptionsException("chunk " + index + ": index, offsets and size must not be negative (start "
                    + start + ", byteStart " + byteStart + ", size " + size + ")");
        }
        if (end - start != content.codePointLength()) {
            throw new InvalidOptionsException("chunk " + index + ": code-point span [" + start + ", " + end
                    + ") does not match the content length " + content.codePointLength());
        }
        if (replacements == 0 && byteEnd - byteStart != content.byteLength()) {
            throw new InvalidOptionsException("chunk " + index + ": byte span [" + byteStart + ", " + byteEnd
                    + ") does not match the content length " + content.byteLength() + " bytes");
        }
    }

    /**
     * Returns the chunk's text as a {@link String}, decoding it from UTF-8 on first use.
     *
     * @return the text
     */
    public String text() {
        return content.toString();
    }
}
