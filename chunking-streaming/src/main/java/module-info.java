/**
 * Reading for the chunking library: byte sources (files, channels, streams), the buffered read
 * loop (byte order marks, byte limits, checkpoint cadence and resume), checkpoints written
 * atomically to files, the path guard that decides which files a source may open, and the
 * operation service (status, progress events, cancel, preview) that runs chunkings on a pool.
 */
module dev.chunking.streaming {
    requires transitive dev.chunking.core;

    exports dev.chunking.streaming;
    exports dev.chunking.streaming.operation;
    exports dev.chunking.streaming.guard;
}
