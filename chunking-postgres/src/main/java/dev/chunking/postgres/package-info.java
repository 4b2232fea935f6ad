/**
 * PostgreSQL storage for chunks: {@link dev.chunking.postgres.PostgresChunkStore} (the checkpoint
 * store, the factory of {@link dev.chunking.postgres.PostgresChunkWriter} sinks, reads, counts and
 * deletes), {@link dev.chunking.postgres.PartitionHealth}, and {@link
 * dev.chunking.postgres.PostgresMigrations}, which applies the schema (a {@code chunks} table over
 * exactly 100 LIST partitions, each collection in one of them) safely when several instances start
 * at once. API; the statements live in {@code dev.chunking.postgres.internal}.
 */
package dev.chunking.postgres;
