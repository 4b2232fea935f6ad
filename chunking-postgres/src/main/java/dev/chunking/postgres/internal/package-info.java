/**
 * How {@code chunking-postgres} talks to the server: the COPY row encoding, the JSON of
 * checkpoints and metadata, the names of the 100 partitions, and the retry of a transaction after
 * a lost connection. Not API: anything here may change in any release.
 */
package dev.chunking.postgres.internal;
