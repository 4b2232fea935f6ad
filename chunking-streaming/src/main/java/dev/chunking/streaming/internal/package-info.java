/**
 * Internal helpers shared by the streaming module's features: the one seekable file source that
 * plain files and guarded files both extend. Not API: {@code module-info} does not export this
 * package, and only {@code dev.chunking.streaming} and its sub-packages may use it.
 */
package dev.chunking.streaming.internal;
