package dev.chunking.streaming;

/**
 * What a streaming run did. Immutable.
 *
 * @param bytes the source's length in bytes (the offset reached)
 * @param chunks chunks emitted by this run (after a resume: only the new ones)
 * @param replacements malformed sequences replaced by U+FFFD in the whole document
 * @param resumedFrom the byte offset this run started reading at: 0, 3 after a byte order mark, or a checkpoint's offset
 * @param checkpoints checkpoints saved by this run
 */
public record StreamResult(long bytes, long chunks, long replacements, long resumedFrom, long checkpoints) {
}
