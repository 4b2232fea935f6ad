package dev.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chunking.testing.RealDocuments;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the exact bytes {@code chunk} writes in {@code --format jsonl} and {@code --format offsets}
 * for every built-in strategy over the real documents of core's test resources, as one SHA-256
 * digest of the whole standard output per strategy, option set and format: a faster writer must
 * leave every escape, field, separator and number byte-identical. A change of output must be
 * deliberate, with the new lines (printed by a failure) committed in {@code digests/cli-output.txt}.
 */
class OutputBytesDigestTest {
    private static final List<String> FORMATS = List.of("jsonl", "offsets");

    @TempDir
    Path dir;

    /** The option sets: the defaults, small chunks with overlap and no min size, and sizing in (code point) tokens. */
    private static Map<String, List<String>> optionSets(String strategy) {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        boolean levels = strategy.equals("hierarchical");
        sets.put("defaults", List.of());
        sets.put("small", levels ? List.of("--levels", "480,120", "--overlap", "30", "--min-size", "0")
                : List.of("--size", "120", "--overlap", "30", "--min-size", "0"));
        sets.put("tokens", levels ? List.of("--unit", "tokens", "--token-counter", "codepoints")
                : List.of("--size", "300", "--overlap", "50", "--unit", "tokens", "--token-counter", "codepoints"));
        return sets;
    }

    private void copyDocuments() throws IOException {
        for (String document : RealDocuments.NAMES) {
            try (InputStream in = OutputBytesDigestTest.class.getResourceAsStream("/" + document)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource /" + document + " (core's test-jar)");
                }
                Path target = dir.resolve(document);
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
    }

    private byte[] run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> 0L, false).run(args.toArray(String[]::new));
        assertThat(status).as("chunk %s: %s", args, err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of {@code digests/cli-output.txt} this build produces: strategy, option set, format, bytes, digest. */
    private List<String> actual() throws IOException {
        copyDocuments();
        List<String> lines = new ArrayList<>();
        for (String strategy : RealDocuments.STRATEGIES) {
            for (Map.Entry<String, List<String>> set : optionSets(strategy).entrySet()) {
                for (String format : FORMATS) {
                    List<String> args = new ArrayList<>(List.of("--base", dir.toString(), "--strategy", strategy, "--format", format));
                    args.addAll(set.getValue());
                    args.addAll(RealDocuments.NAMES); // relative to --base, so the document ids do not depend on the temporary directory
                    byte[] output = run(args);
                    lines.add(strategy + " " + set.getKey() + " " + format + " " + output.length + " " + sha256(output));
                }
            }
        }
        return lines;
    }

    @Test
    void jsonlAndOffsetsOfEveryStrategyAreByteIdenticalToThePinnedDigests() throws IOException {
        List<String> expected;
        try (InputStream in = OutputBytesDigestTest.class.getResourceAsStream("/digests/cli-output.txt")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("no test resource /digests/cli-output.txt"));
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        List<String> actual = actual();
        assertThat(actual).as("output digests; if the output changed on purpose, commit these lines in"
                + " chunking-cli/src/test/resources/digests/cli-output.txt:%n%s", String.join("\n", actual)).isEqualTo(expected);
    }
}
