/**
 * The {@code chunk} command ({@link Main}, run by {@code bin/chunk}): parsing the command line,
 * chunking files as streams into JSON lines, offsets or statistics, the {@code preview},
 * {@code compare} and {@code strategies} commands, checkpointed runs whose output appears whole,
 * and a progress bar. Built on chunking-core, chunking-streaming and chunking-tokenizers, and
 * nothing builds on it (the architecture test checks it). Not an API: its public classes serve the
 * command and change with it; a host application uses {@code dev.chunking.application} and
 * {@code dev.chunking.streaming} instead.
 */
package dev.chunking.cli;
