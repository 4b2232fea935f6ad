/**
 * PostgreSQL storage for chunks: the schema (a {@code chunks} table over exactly 100 LIST
 * partitions, each collection in one of them, and the checkpoints) and {@link
 * dev.chunking.postgres.PostgresMigrations}, which applies its versioned SQL migrations safely
 * when several instances start at once. API.
 */
package dev.chunking.postgres;
