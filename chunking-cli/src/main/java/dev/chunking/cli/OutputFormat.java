package dev.chunking.cli;

import java.util.Locale;

/** What the {@code chunk} command writes for each chunk or file. */
public enum OutputFormat {
    /** One JSON object per chunk per line. */
    JSONL,
    /** One tab-separated line per chunk: index, start, end, byteStart, byteEnd, size. */
    OFFSETS,
    /** One summary line per file. */
    STATS;

    /**
     * Parses a format name.
     *
     * @param name {@code jsonl}, {@code offsets} or {@code stats}
     * @return the format
     * @throws UsageException if the name is not known
     */
    public static OutputFormat parse(String name) {
        for (OutputFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return format;
            }
        }
        throw new UsageException("--format " + name + " is not known; use jsonl, offsets or stats");
    }
}
