/**
 * The operation service: {@link ChunkingOperations} runs submitted chunkings
 * ({@link OperationRequest}, {@link OperationOptions}) on a bounded pool with a bounded queue,
 * each an {@link Operation} whose status only moves forward, with numbered progress events
 * delivered off the chunking thread, cooperative cancel, rate limiting and an
 * {@link OperationResult}; {@link Preview} gives a document's first chunks in bounded time and
 * memory. The read loop of one run (buffers, byte order mark, byte limit, checkpoint cadence and
 * resume) is the package-private {@code OperationRun}. API, exported; the package-private classes
 * are its internals.
 */
package dev.chunking.streaming.operation;
