/**
 * The engine of the built-in strategies: one pass over a sliding window of UTF-8 bytes
 * ({@link BoundaryChunker} with its boundary finder and token sizer), strict UTF-8 decoding,
 * extended grapheme clusters after UAX #29, sentence splitting, the block structure of Markdown
 * (headings, code, tables, lists, front matter), meaning shifts for {@code semantic} and
 * {@code hybrid}, and several sizes at once for {@code hierarchical}. Internal: not exported by
 * {@code module-info}, and used by {@code dev.chunking.strategy} alone (the architecture test
 * checks it). Only the entry points the strategies call are public ({@link BoundaryChunker},
 * {@link HierarchicalChunker}, {@link StructuredChunkers}, {@link Vectors}); everything else is
 * package-private. Nothing here is API; it changes without notice.
 */
package dev.chunking.strategy.internal;
