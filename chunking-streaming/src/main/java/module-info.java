/**
 * Streaming for the chunking library: byte sources read in bounded buffers, byte order marks,
 * byte limits, checkpoints written atomically to files, and resume.
 */
module dev.chunking.streaming {
    requires transitive dev.chunking.core;

    exports dev.chunking.streaming;
}
