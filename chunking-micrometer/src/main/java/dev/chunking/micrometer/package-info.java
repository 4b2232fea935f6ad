/**
 * Micrometer meters for the chunking library. {@link ChunkingMetrics} is the one public type: made
 * over the host's {@code MeterRegistry}, it returns a {@code ProgressListener} that records
 * operations ({@code chunking.operation}, a timer tagged strategy and outcome), chunks, input
 * bytes and lost progress events, and decorators of the {@code ChunkSink} (chunk sizes, call
 * times), {@code CheckpointStore} and {@code RateLimiter} ports; {@code instrument} wires them
 * into an {@code OperationRequest} at once. Tags never carry a document, collection or operation
 * id. API, exported; the listener and decorators are package-private classes behind the port
 * interfaces. Built on chunking-core's and chunking-streaming's exported API and micrometer-core
 * only; knows no storage adapter.
 */
package dev.chunking.micrometer;
