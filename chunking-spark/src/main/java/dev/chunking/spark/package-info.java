/**
 * API: chunking whole corpora on Apache Spark with the library's exact chunks.
 * {@link dev.chunking.spark.SparkChunking} turns a {@code Dataset<Row>} of documents (an id column
 * and a text or path column, {@link dev.chunking.spark.DocumentColumns}) into one row per chunk
 * ({@link dev.chunking.spark.ChunkColumns}); {@link dev.chunking.spark.ChunkingSpec} is the
 * serialisable strategy and options each task resolves through the plugin registry. The task's
 * function ({@code PartitionChunks}) and the pulled chunks of one document
 * ({@code DocumentChunks}) are package-private.
 */
package dev.chunking.spark;
