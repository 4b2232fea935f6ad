package dev.chunking.streaming.guard;

import dev.chunking.domain.InvalidOptionsException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The limits of a {@link PathGuard}. Immutable and thread-safe.
 *
 * @param maxPathLength most chars in one path, 1 to {@value #LIMIT_PATH_LENGTH}
 * @param maxPaths most paths in one call of {@link PathGuard#resolveAll}, at least 1
 * @param maxFileBytes largest file accepted, in bytes, at least 0
 * @param allowedExtensions file-name extensions accepted, lower case without the dot ({@code "md"});
 *     empty for any file; {@code ""} in the set accepts files without an extension
 * @param allowSpecialFiles whether devices, FIFOs and sockets are accepted
 * @param maxLinkHops most symbolic links followed for one path, 0 to 255 (0 refuses every link)
 */
public record PathGuardOptions(int maxPathLength, int maxPaths, long maxFileBytes, Set<String> allowedExtensions,
                               boolean allowSpecialFiles, int maxLinkHops) {
    /** Largest {@code maxPathLength} accepted: 32768 chars. */
    public static final int LIMIT_PATH_LENGTH = 32768;
    /** Default {@code maxPathLength}: 4096 chars, Linux's PATH_MAX. */
    public static final int DEFAULT_PATH_LENGTH = 4096;
    /** Default {@code maxPaths}: 10,000. */
    public static final int DEFAULT_MAX_PATHS = 10_000;
    /** Default {@code maxFileBytes}: 1 TiB, more than any document one would chunk, less than a device that never ends. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 40;
    /** Default {@code maxLinkHops}: 40, as Linux allows. */
    public static final int DEFAULT_LINK_HOPS = 40;

    /**
     * Checks the limits and copies the extensions.
     *
     * @throws InvalidOptionsException naming the value, the range and the setting when one is out of range
     */
    public PathGuardOptions {
        if (maxPathLength < 1 || maxPathLength > LIMIT_PATH_LENGTH) {
            throw new InvalidOptionsException("path guard: maxPathLength " + maxPathLength + " is outside 1.." + LIMIT_PATH_LENGTH
                    + "; set maxPathLength within that range (default " + DEFAULT_PATH_LENGTH + ")");
        }
        if (maxPaths < 1) {
            throw new InvalidOptionsException("path guard: maxPaths " + maxPaths + " is below 1; set maxPaths to at least 1 (default "
                    + DEFAULT_MAX_PATHS + ")");
        }
        if (maxFileBytes < 0) {
            throw new InvalidOptionsException("path guard: maxFileBytes " + maxFileBytes + " is negative; set maxFileBytes to 0 or more");
        }
        if (maxLinkHops < 0 || maxLinkHops > 255) {
            throw new InvalidOptionsException("path guard: maxLinkHops " + maxLinkHops + " is outside 0..255; set maxLinkHops"
                    + " within that range (default " + DEFAULT_LINK_HOPS + ")");
        }
        if (allowedExtensions == null) {
            throw new InvalidOptionsException("path guard: allowedExtensions is null; pass an empty set to accept any extension");
        }
        TreeSet<String> extensions = new TreeSet<>();
        for (String e : allowedExtensions) {
            if (e == null || e.startsWith(".") || e.contains("/") || !e.equals(e.toLowerCase(Locale.ROOT))) {
                throw new InvalidOptionsException("path guard: allowed extension '" + e + "' is not a lower-case extension"
                        + " without a dot, like \"md\"; fix allowedExtensions");
            }
            extensions.add(e);
        }
        allowedExtensions = Set.copyOf(extensions);
    }

    /**
     * Returns the defaults: paths up to 4096 chars, 10,000 paths per call, files up to 1 TiB, any
     * extension, no special files, up to 40 links.
     *
     * @return the defaults
     */
    public static PathGuardOptions defaults() {
        return new PathGuardOptions(DEFAULT_PATH_LENGTH, DEFAULT_MAX_PATHS, DEFAULT_MAX_FILE_BYTES, Set.of(), false, DEFAULT_LINK_HOPS);
    }

    /**
     * Returns a builder starting from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PathGuardOptions}; not thread-safe. */
    public static final class Builder {
        private int maxPathLength = DEFAULT_PATH_LENGTH;
        private int maxPaths = DEFAULT_MAX_PATHS;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private Set<String> allowedExtensions = Set.of();
        private boolean allowSpecialFiles;
        private int maxLinkHops = DEFAULT_LINK_HOPS;

        private Builder() {
        }

        /**
         * Sets the longest path accepted.
         *
         * @param value chars, 1 to {@value #LIMIT_PATH_LENGTH}
         * @return this builder
         */
        public Builder maxPathLength(int value) {
            maxPathLength = value;
            return this;
        }

        /**
         * Sets the most paths per call.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxPaths(int value) {
            maxPaths = value;
            return this;
        }

        /**
         * Sets the largest file accepted.
         *
         * @param value bytes, at least 0
         * @return this builder
         */
        public Builder maxFileBytes(long value) {
            maxFileBytes = value;
            return this;
        }

        /**
         * Sets the extensions accepted.
         *
         * @param values lower case without the dot; none for any extension
         * @return this builder
         */
        public Builder allowedExtensions(String... values) {
            allowedExtensions = new HashSet<>(Arrays.asList(values));
            return this;
        }

        /**
         * Sets whether devices, FIFOs and sockets are accepted.
         *
         * @param value true to accept them
         * @return this builder
         */
        public Builder allowSpecialFiles(boolean value) {
            allowSpecialFiles = value;
            return this;
        }

        /**
         * Sets the most symbolic links followed for one path.
         *
         * @param value 0 to 255
         * @return this builder
         */
        public Builder maxLinkHops(int value) {
            maxLinkHops = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws InvalidOptionsException if a value is out of range
         */
        public PathGuardOptions build() {
            return new PathGuardOptions(maxPathLength, maxPaths, maxFileBytes, allowedExtensions, allowSpecialFiles, maxLinkHops);
        }
    }
}
