/**
 * Reading: byte sources ({@link ByteSource}: a file, seekable and fingerprinted so that runs
 * over it can be resumed, or any channel or input stream, read once), {@link FileCheckpointStore}
 * (one checkpoint per file, replaced atomically; the file's
 * {@link dev.chunking.domain.SourceFingerprint} is computed in core) and {@link StreamingChunker}, a synchronous front to the operation
 * service that reads a source in fixed buffers, skips a byte order mark, enforces the byte limit,
 * and takes checkpoints and resumes from them. Depends on the packages chunking-core exports,
 * never on its engine (the architecture test checks it). API, exported by
 * {@code dev.chunking.streaming}; the source implementations are package-private.
 */
package dev.chunking.streaming;
