package org.example.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the {@code chunk} command, run in a child JVM as {@code bin/chunk} runs it, lists and
 * uses the plugin when its classes are on the class path, and refuses the name when they are not.
 */
class CommandLinePluginIT {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private Result chunk(String classPath, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", classPath, "dev.chunking.cli.Main"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(child.exitValue(), out, Files.readString(err));
    }

    /** The test class path (the command and its dependencies, this plugin's classes) and the same without the plugin. */
    private static String classPath(boolean withPlugin) throws Exception {
        String plugin = Path.of(LinesStrategy.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        assertThat(entries).contains(plugin);
        return entries.stream().filter(e -> withPlugin || !e.equals(plugin)).collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> names(Result strategies) {
        assertThat(strategies.exit()).as(strategies.err()).isZero();
        return strategies.out().lines().map(l -> l.substring(0, l.indexOf('\t'))).toList();
    }

    @Test
    void theCommandListsAndUsesThePluginOnItsClassPath() throws Exception {
        Result strategies = chunk(classPath(true), "strategies");
        assertThat(strategies.exit()).as(strategies.err()).isZero();
        List<String> builtIns = names(chunk(classPath(false), "strategies"));
        assertThat(builtIns).contains("character", "recursive").doesNotContain("lines");
        assertThat(names(strategies)).containsExactlyElementsOf(
                Stream.concat(builtIns.stream(), Stream.of("lines")).sorted().toList());
        assertThat(strategies.out()).contains("lines\t" + new LinesStrategy().description() + "\n");

        String text = "First line.\nSecond line, caf\u00e9.\n\u65e5\u672c\u8a9e\u306e\u884c\u3002\n\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family\n";
        Path input = dir.resolve("input.txt");
        Files.writeString(input, text.repeat(20), StandardCharsets.UTF_8);
        Result run = chunk(classPath(true), "--strategy", "lines", "--size", "60", input.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSizeGreaterThan(5).allSatisfy(l -> assertThat(l).contains("\"strategy\": \"lines\""));
        assertThat(lines.get(lines.size() - 1)).contains("\"byteEnd\": " + Files.size(input) + ",");
    }

    @Test
    void aParameterThePluginRefusesIsAUsageErrorWithOneLine() throws Exception {
        Path input = Files.writeString(dir.resolve("input.txt"), "one\ntwo\n");
        Result run = chunk(classPath(true), "--strategy", "lines", "--size", "10", "--max-lines", "11", input.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).containsExactly("chunk: parameter max-lines is 11, more lines than a chunk of"
                + " max size 10 can hold (each takes at least 1); give at most 10 (--max-lines) or raise the size (--size)");

        Result typo = chunk(classPath(true), "--strategy", "lines", "--max-lines", "many", input.toString());
        assertThat(typo.exit()).as(typo.err()).isEqualTo(2);
        assertThat(typo.err().lines().toList()).singleElement().asString().isEqualTo("chunk: --max-lines many is not a whole number; give e.g. --max-lines 0");
    }

    @Test
    void withoutThePluginTheNameIsRefusedWithOneLine() throws Exception {
        List<String> builtIns = names(chunk(classPath(false), "strategies"));
        assertThat(builtIns).isNotEmpty().doesNotContain("lines");

        Path input = Files.writeString(dir.resolve("input.txt"), "text\n");
        Result run = chunk(classPath(false), "--strategy", "lines", input.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList())
                .containsExactly("chunk: unknown strategy 'lines'; known: " + String.join(", ", builtIns));
    }
}
