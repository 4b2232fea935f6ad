package dev.chunking.hostproject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files of the repository the host-project tests compare: the example project and the pages that show it. */
final class HostProjectFiles {
    /** This module's directory (surefire and failsafe run in it). */
    static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    /** The repository's root. */
    static final Path ROOT = MODULE.resolve("../..").normalize();
    /** The example host project, as a user's own project would be. */
    static final Path HOST = ROOT.resolve("examples/host-project");
    /** The page that shows the host project's files. */
    static final Path DOC = ROOT.resolve("docs/use-from-your-project.md");
    /** The README, whose section "Use it from your project" shows the pom block. */
    static final Path README = ROOT.resolve("README.md");
    /** The example class. */
    static final Path QUICK_START = HOST.resolve("src/main/java/org/example/host/QuickStart.java");

    private HostProjectFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The host pom's dependency blocks as a user copies them: from {@code <dependencyManagement>}
     * to the end of the top-level {@code <dependencies>}, without the pom's two-space indent.
     */
    static String pomBlock() {
        List<String> lines = read(HOST.resolve("pom.xml")).lines().toList();
        int from = lines.indexOf("  <dependencyManagement>");
        int to = lines.lastIndexOf("  </dependencies>");
        if (from < 0 || to < from) {
            throw new IllegalStateException("examples/host-project/pom.xml has no top-level dependencyManagement and dependencies");
        }
        List<String> block = new ArrayList<>();
        for (String line : lines.subList(from, to + 1)) {
            block.add(line.isEmpty() ? line : line.substring(2));
        }
        return String.join("\n", block) + "\n";
    }

    /** The output the page shows: the first {@code text} code block after the words "It prints". */
    static String documentedOutput() {
        Matcher m = Pattern.compile("It prints[^\\n]*\\n+```text\\n(.*?)```", Pattern.DOTALL).matcher(read(DOC));
        if (!m.find()) {
            throw new IllegalStateException(DOC + " shows no output (\"It prints:\" then a ```text block)");
        }
        return m.group(1);
    }
}
