package dev.chunking.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The resident memory of this whole process as the Linux kernel counts it, read from
 * {@code /proc/self/status}: {@code VmHWM}, the peak resident set size since the process started,
 * and {@code VmRSS}, the resident set size now. This is what the machine pays for the JVM (heap,
 * code cache, metaspace, thread stacks, the JVM itself), not just the Java heap. Stateless and
 * thread-safe.
 */
public final class ProcessMemory {
    /** Where the kernel publishes this process's memory counters. */
    static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /**
     * The peak resident set size of this process since it started.
     *
     * @return bytes
     * @throws UncheckedIOException if {@code /proc/self/status} cannot be read or has no {@code VmHWM} (not Linux)
     */
    public static long peakRssBytes() {
        return field(readStatus(), "VmHWM");
    }

    /**
     * The resident set size of this process now.
     *
     * @return bytes
     * @throws UncheckedIOException if {@code /proc/self/status} cannot be read or has no {@code VmRSS} (not Linux)
     */
    public static long rssBytes() {
        return field(readStatus(), "VmRSS");
    }

    private static List<String> readStatus() {
        try {
            return Files.readAllLines(STATUS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS + " (process memory is read on Linux only)", e);
        }
    }

    /**
     * One size field of a {@code /proc/PID/status} file, such as {@code VmHWM:    65432 kB}.
     *
     * @param status the lines of the file
     * @param name the field name, without the colon
     * @return the size in bytes (the kernel counts in KiB)
     * @throws UncheckedIOException if the field is absent or not a size in kB
     */
    static long field(List<String> status, String name) {
        String prefix = name + ":";
        for (String line : status) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d+")) {
                    return Long.parseLong(parts[0]) * 1024;
                }
                throw new UncheckedIOException(new IOException("not a size in kB: " + line));
            }
        }
        throw new UncheckedIOException(new IOException(name + " not found in " + STATUS));
    }
}
