/**
 * The path guard, which decides which files a source may open: {@link PathGuard} resolves a
 * user-supplied path against an allowed base directory, checking its text first (the
 * package-private {@code PathText}) and then walking the file system one directory handle at a
 * time, following links only while they stay inside the base ({@code PathWalk}), and opens only
 * the file it checked. {@link PathGuardOptions} holds its limits; a refusal is a
 * {@link PathRefusedException} naming the {@link PathRule} broken. API, exported; the helpers are
 * package-private.
 */
package dev.chunking.streaming.guard;
