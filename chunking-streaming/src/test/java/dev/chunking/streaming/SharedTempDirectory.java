package dev.chunking.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One temporary directory per jqwik container (jqwik has no {@code @TempDir}); removed with its files. */
final class SharedTempDirectory {
    private SharedTempDirectory() {
    }

    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    static void remove(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
