package dev.chunking.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Markdown files under {@code src/test/resources/markdown}, each listed with its
 * origin and licence in {@code SOURCES.txt} there. Adding a {@code .md} file adds a case to
 * every test that iterates {@link #names()}.
 */
public final class MarkdownCorpus {
    private static final String DIRECTORY = "/markdown";

    private MarkdownCorpus() {
    }

    /**
     * Lists the Markdown files of the corpus.
     *
     * @return file names ending in {@code .md}, sorted
     */
    public static List<String> names() {
        URL url = MarkdownCorpus.class.getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException("test resource directory " + DIRECTORY + " is not on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list " + url, e);
        }
    }

    /**
     * Reads a file of the corpus.
     *
     * @param name a file name, as from {@link #names()}, or {@code SOURCES.txt}
     * @return its text, decoded from UTF-8
     */
    public static String read(String name) {
        try (InputStream in = MarkdownCorpus.class.getResourceAsStream(DIRECTORY + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + DIRECTORY + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
