/**
 * The values of the chunking library and its one exception hierarchy: identifiers
 * ({@link DocumentId}, {@link CollectionId}, {@link OperationId}), what a run is configured with
 * ({@link ChunkingOptions}, {@link InputLimits}, {@link MalformedInputPolicy}, {@link SizeUnit},
 * {@link RateLimit}), what it produces and remembers ({@link Chunk} with its {@link Utf8Text} and
 * {@link ChunkMetadata}, {@link ResumePoint}, {@link Checkpoint}, {@link SourceFingerprint},
 * {@link ProgressEvent}, {@link OperationStatus}), and the unchecked exceptions rooted at
 * {@link ChunkingException}, whose messages name the value, the limit and the setting to change.
 * Immutable and thread-safe throughout. The bottom layer: it depends on the JDK alone, never on
 * another package of the project (the architecture test checks it). API, exported by
 * {@code dev.chunking.core}.
 */
package dev.chunking.domain;
